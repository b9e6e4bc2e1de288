package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monthly brief: the .xlsx and the PDF read back say what the values API says, bad
 * input is a 400, an area outside the caller's scope a 403, and the background job runs
 * from start to download for its owner only.
 */
@FengqiaoIntegration
class MonthlyBriefTests {

	static final String COUNTY = "610824";

	@Autowired
	MockMvc mvc;

	@Autowired
	Clock clock;

	@Autowired
	GridDirectory directory;

	final JsonMapper json = JsonMapper.builder().build();

	String month() {
		return YearMonth.now(clock).toString();
	}

	String yearToDate() {
		YearMonth m = YearMonth.now(clock);
		return YearMonth.of(m.getYear(), 1) + ".." + m;
	}

	JsonNode value(String area, String period, String code) throws Exception {
		String body = mvc
			.perform(get("/api/v1/indicators/values").param("area", area)
				.param("period", period)
				.param("codes", code)
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(body).get("values").get(0);
	}

	byte[] brief(String user, String area, String month, String format) throws Exception {
		return mvc
			.perform(get("/api/v1/briefs/monthly").param("area", area)
				.param("month", month)
				.param("format", format)
				.with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	@Test
	void theWorkbookSaysWhatTheValuesApiSays() throws Exception {
		long received = value(COUNTY, yearToDate(), "whistles.received").get("value").asLong();
		long screened = value(COUNTY, yearToDate(), "disputes.screened").get("value").asLong();
		long monthReceived = value(COUNTY, month(), "whistles.received").get("value").asLong();
		byte[] xlsx = brief("command", COUNTY, month(), "xlsx");
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("靖边县").contains("简报");
			String paragraph = sheet.getRow(1).getCell(0).getStringCellValue();
			int m = YearMonth.now(clock).getMonthValue();
			assertThat(paragraph).startsWith(m == 1 ? "1月，全县" : "1-" + m + "月，全县")
				.contains("共受理群众吹哨" + received + "件")
				.contains("排查受理矛盾纠纷" + screened + "件");
			// The month's table comes first, the year to date's second: each "受理群众吹哨"
			// row holds its figure as a number.
			java.util.List<Double> figures = new java.util.ArrayList<>();
			for (Row row : sheet) {
				if (row.getCell(0) != null && "受理群众吹哨".equals(row.getCell(0).getStringCellValue())) {
					figures.add(row.getCell(1).getNumericCellValue());
				}
			}
			assertThat(figures).containsExactly((double) monthReceived, (double) received);
		}
	}

	@Test
	void thePdfReadsBackInChinese() throws Exception {
		long received = value(COUNTY, yearToDate(), "whistles.received").get("value").asLong();
		JsonNode success = value(COUNTY, yearToDate(), "disputes.success-rate");
		byte[] pdf = brief("command", COUNTY, month(), "pdf");
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
		java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "brief.pdf"), pdf);
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(doc).replaceAll("\\s", "");
			assertThat(text).contains("靖边县").contains("社会治理工作简报").contains("全县共受理群众吹哨" + received + "件");
			if (!success.get("value").isNull()) {
				assertThat(text).contains("调解成功率" + MonthlyBriefs.percent(success.get("value").decimalValue()));
			}
			assertThat(text).contains("去年同期").contains("同比");
		}
	}

	@Test
	void aTownshipGetsItsOwnBriefButNotTheCounty() throws Exception {
		String township = directory.divisions()
			.stream()
			.filter(d -> d.name().equals("宁条梁镇"))
			.findFirst()
			.orElseThrow()
			.code();
		byte[] xlsx = brief("ningtiaoliang", township, month(), "xlsx");
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).contains("宁条梁镇共受理群众吹哨");
		}
		mvc.perform(get("/api/v1/briefs/monthly").param("area", COUNTY)
			.param("month", month())
			.param("format", "pdf")
			.with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("area-out-of-scope")));
	}

	@Test
	void badInputIsA400() throws Exception {
		String future = YearMonth.now(clock).plusMonths(1).toString();
		String[][] cases = { { "999999", month(), "xlsx", "unknown-area" }, { COUNTY, "2025-13", "xlsx", "bad-month" },
				{ COUNTY, "November", "pdf", "bad-month" }, { COUNTY, future, "pdf", "month-in-future" },
				{ COUNTY, month(), "docx", "bad-format" } };
		for (String[] c : cases) {
			mvc.perform(get("/api/v1/briefs/monthly").param("area", c[0])
				.param("month", c[1])
				.param("format", c[2])
				.with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith(c[3])));
		}
	}

	@Test
	void aJobMakesEveryTownshipsBriefForItsOwnerOnly() throws Exception {
		String started = mvc
			.perform(post("/api/v1/briefs/monthly/jobs").param("all", "true")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"area\":\"" + COUNTY + "\",\"month\":\"" + month() + "\",\"format\":\"xlsx\"}")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isAccepted())
			.andExpect(header().exists("Location"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = json.readTree(started).get("id").asString();
		long townships = directory.divisions().stream().filter(d -> "TOWNSHIP".equals(d.level())).count();
		assertThat(json.readTree(started).get("total").asInt()).isEqualTo(townships + 1);
		Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode status = json.readTree(
					mvc.perform(get("/api/v1/briefs/monthly/jobs/{id}", id).with(httpBasic("command", "fengqiao-demo")))
						.andExpect(status().isOk())
						.andReturn()
						.getResponse()
						.getContentAsString());
			assertThat(status.get("state").asString()).isNotEqualTo("FAILED");
			assertThat(status.get("progress").asInt()).isBetween(0, status.get("total").asInt());
			return status.get("state").asString().equals("DONE")
					&& status.get("downloadUrl").asString().endsWith("/jobs/" + id + "/file")
					&& status.get("progress").asInt() == townships + 1;
		});
		byte[] file = mvc
			.perform(get("/api/v1/briefs/monthly/jobs/{id}/file", id).with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo((int) townships + 1);
			assertThat(workbook.getSheetName(0)).isEqualTo("靖边县");
			assertThat(workbook.getSheet("宁条梁镇")).isNotNull();
		}
		// Another account does not see the job at all.
		mvc.perform(get("/api/v1/briefs/monthly/jobs/{id}", id).with(httpBasic("xijiao", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/briefs/monthly/jobs/{id}/file", id).with(httpBasic("xijiao", "fengqiao-demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aJobIsCheckedBeforeItStarts() throws Exception {
		mvc.perform(post("/api/v1/briefs/monthly/jobs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"area\":\"" + COUNTY + "\",\"month\":\"" + month() + "\",\"format\":\"pdf\"}")
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/briefs/monthly/jobs").contentType(MediaType.APPLICATION_JSON)
			.content("{\"area\":\"" + COUNTY + "\",\"month\":\"2025-1\",\"format\":\"pdf\"}")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isBadRequest());
	}

	@Test
	void theParagraphFollowsTheArticle() {
		Indicators.Values ytd = new Indicators.Values(COUNTY, "靖边县", "county", "2025-01..2025-11", null, null, null,
				null,
				java.util.List.of(v("whistles.received", "1230", "1000"), v("whistles.closed", "1200", null),
						v("whistles.closure-rate", "0.9756", null), v("disputes.screened", "3112", "3112"),
						v("disputes.settled", "1964", null), v("disputes.success-rate", "0.984", "0.904"),
						v("disputes.civil-to-criminal-prevented", "12", null),
						v("disputes.civil-to-criminal-prevented-persons", "30", null)));
		Indicators.Values month = new Indicators.Values(COUNTY, "靖边县", "county", "2025-11", null, null, null, null,
				java.util.List.of(v("whistles.received", "90", "100")));
		assertThat(MonthlyBriefs.paragraph("全县", "1-11月", "11月", ytd, month))
			.isEqualTo("1-11月，全县共受理群众吹哨1230件，同比上升23.0%；办结1200件，办结率97.6%。排查受理矛盾纠纷3112件，与去年同期持平；"
					+ "调解成功1964件，调解成功率98.4%，同比提高8.0个百分点；防止民转刑案件12件、涉及30人，防止群体性上访0件。"
					+ "11月当月，受理群众吹哨90件，同比下降10.0%；排查受理矛盾纠纷0件，调解成功0件。");
	}

	static Indicators.Value v(String code, String value, String previousYear) {
		BigDecimal now = new BigDecimal(value);
		BigDecimal before = previousYear == null ? null : new BigDecimal(previousYear);
		return new Indicators.Value(code, now, now, null, before, Measure.change(now, before), null, null);
	}

}
