package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's Excel exports hold the same numbers as the indicator API; the areas a
 * caller may pick follow their data scope; the dashboard and the big screen open for whom
 * they are meant.
 */
@FengqiaoIntegration
class StatisticsScreensTests {

	static final String COUNTY = "610824";

	@Autowired
	MockMvc mvc;

	@Autowired
	Clock clock;

	String thisYear() {
		return String.valueOf(LocalDate.now(clock).getYear());
	}

	JsonNode json(String user, String url, Object... params) throws Exception {
		var request = get(url).with(httpBasic(user, "fengqiao-demo"));
		for (int i = 0; i < params.length; i += 2) {
			request.param((String) params[i], String.valueOf(params[i + 1]));
		}
		String body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		return JsonMapper.builder().build().readTree(body);
	}

	Workbook workbook(String user, String url, Object... params) throws Exception {
		var request = get(url).with(httpBasic(user, "fengqiao-demo"));
		for (int i = 0; i < params.length; i += 2) {
			request.param((String) params[i], String.valueOf(params[i + 1]));
		}
		byte[] bytes = mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(content().contentType(StatisticsApi.XLSX))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		return new XSSFWorkbook(new ByteArrayInputStream(bytes));
	}

	static BigDecimal number(Cell cell) {
		return cell == null || cell.getCellType() == CellType.BLANK ? null
				: BigDecimal.valueOf(cell.getNumericCellValue());
	}

	static BigDecimal decimal(JsonNode node) {
		return node == null || node.isNull() ? null : node.decimalValue();
	}

	@Test
	void theValuesWorkbookHoldsTheValuesOfTheApi() throws Exception {
		String period = thisYear() + "-01.." + thisYear() + "-"
				+ String.format("%02d", LocalDate.now(clock).getMonthValue());
		JsonNode api = json("command", "/api/v1/indicators/values", "area", COUNTY, "period", period);
		try (Workbook book = workbook("command", "/api/v1/indicators/values.xlsx", "area", COUNTY, "period", period)) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains(period).contains("靖边县");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("指标代码");
			Map<String, Row> rows = new HashMap<>();
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				rows.put(sheet.getRow(r).getCell(0).getStringCellValue(), sheet.getRow(r));
			}
			assertThat(rows).hasSize(api.get("values").size());
			for (JsonNode v : api.get("values")) {
				Row row = rows.get(v.get("code").asString());
				assertThat(row).as(v.get("code").asString()).isNotNull();
				same(number(row.getCell(3)), decimal(v.get("value")), "value of " + v.get("code").asString());
				same(number(row.getCell(6)), decimal(v.get("previousYear")),
						"a year earlier of " + v.get("code").asString());
				same(number(row.getCell(7)), decimal(v.get("yearOnYear")),
						"year on year of " + v.get("code").asString());
			}
			BigDecimal received = number(rows.get("whistles.received").getCell(3));
			for (JsonNode v : api.get("values")) {
				if (v.get("code").asString().equals("whistles.received")) {
					assertThat(received).isEqualByComparingTo(decimal(v.get("value")));
				}
			}
			assertThat(rows.get("whistles.received").getCell(1).getStringCellValue()).isEqualTo("受理群众吹哨");
		}
	}

	/** A null is a blank cell; a number the same number. */
	static void same(BigDecimal cell, BigDecimal api, String what) {
		if (api == null) {
			assertThat(cell).as(what).isNull();
		}
		else {
			assertThat(cell).as(what).isNotNull().isEqualByComparingTo(api);
		}
	}

	@Test
	void theBreakdownWorkbookHoldsTheBreakdownOfTheApiAndAddsUpToTheCounty() throws Exception {
		String year = thisYear();
		JsonNode api = json("command", "/api/v1/indicators/breakdown", "code", "whistles.received", "area", COUNTY,
				"period", year, "by", "township");
		JsonNode total = json("command", "/api/v1/indicators/values", "area", COUNTY, "period", year, "codes",
				"whistles.received");
		try (Workbook book = workbook("command", "/api/v1/indicators/breakdown.xlsx", "code", "whistles.received",
				"area", COUNTY, "period", year, "by", "township")) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getRow(1).getCell(6).getStringCellValue()).isEqualTo("同比");
			assertThat(sheet.getLastRowNum() - 1).isEqualTo(api.get("rows").size());
			BigDecimal sum = BigDecimal.ZERO;
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				JsonNode expected = api.get("rows").get(r - 2);
				assertThat(row.getCell(0).getStringCellValue()).isEqualTo(expected.get("key").asString());
				assertThat(row.getCell(1).getStringCellValue()).isEqualTo(expected.get("name").asString());
				assertThat(number(row.getCell(2))).isEqualByComparingTo(decimal(expected.get("value")));
				sum = sum.add(number(row.getCell(2)));
			}
			assertThat(sum).as("the townships add up to the county's value of the values API")
				.isEqualByComparingTo(decimal(total.at("/values/0/value")));
		}
	}

	@Test
	void aBreakdownByMonthCarriesLastYearsValues() throws Exception {
		String year = thisYear();
		JsonNode api = json("command", "/api/v1/indicators/breakdown", "code", "whistles.received", "area", COUNTY,
				"period", year, "by", "month");
		try (Workbook book = workbook("command", "/api/v1/indicators/breakdown.xlsx", "code", "whistles.received",
				"area", COUNTY, "period", year, "by", "month")) {
			Sheet sheet = book.getSheetAt(0);
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				JsonNode expected = api.get("rows").get(r - 2);
				assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo(expected.get("key").asString());
				same(number(sheet.getRow(r).getCell(2)), decimal(expected.get("value")), "value");
				same(number(sheet.getRow(r).getCell(5)), decimal(expected.get("previousYear")), "a year earlier");
				same(number(sheet.getRow(r).getCell(6)), decimal(expected.get("yearOnYear")), "year on year");
			}
		}
	}

	@Test
	void theExportsKeepToTheDataScope() throws Exception {
		mvc.perform(get("/api/v1/indicators/values.xlsx").param("area", COUNTY)
			.param("period", thisYear())
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/indicators/breakdown.xlsx").param("code", "whistles.received")
			.param("area", COUNTY)
			.param("period", thisYear())
			.param("by", "township")
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/indicators/breakdown.xlsx").param("code", "whistles.received")
			.param("area", COUNTY)
			.param("period", "2999")
			.param("by", "township")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isBadRequest());
	}

	@Test
	void theAreasToPickFollowTheDataScope() throws Exception {
		JsonNode roots = json("command", "/api/v1/indicators/areas");
		assertThat(roots.at("/children/0/code").asString()).isEqualTo(COUNTY);
		JsonNode county = json("command", "/api/v1/indicators/areas", "parent", COUNTY);
		assertThat(county.get("childBreakdown").asString()).isEqualTo("township");
		long townships = 0;
		long stations = 0;
		for (JsonNode c : county.get("children")) {
			townships += c.get("kind").asString().equals("township") ? 1 : 0;
			stations += c.get("kind").asString().equals("station") ? 1 : 0;
		}
		assertThat(townships).isEqualTo(17);
		assertThat(stations).isPositive();

		JsonNode mine = json("ningtiaoliang", "/api/v1/indicators/areas");
		assertThat(mine.get("children")).hasSize(1);
		assertThat(mine.at("/children/0/kind").asString()).isEqualTo("township");
		String township = mine.at("/children/0/code").asString();
		JsonNode villages = json("ningtiaoliang", "/api/v1/indicators/areas", "parent", township);
		assertThat(villages.get("chain")).as("nothing above the township").isEmpty();
		assertThat(villages.get("children")).isNotEmpty();
		String village = villages.at("/children/0/code").asString();
		assertThat(village).startsWith(township);
		JsonNode grids = json("ningtiaoliang", "/api/v1/indicators/areas", "parent", village);
		assertThat(grids.get("chain")).hasSize(1);
		assertThat(grids.at("/chain/0/code").asString()).isEqualTo(township);
		assertThat(grids.at("/children/0/code").asString()).startsWith(village);
		assertThat(grids.get("childBreakdown").asString()).isEqualTo("grid");

		mvc.perform(get("/api/v1/indicators/areas").param("parent", COUNTY)
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(
				get("/api/v1/indicators/areas").param("parent", "nonsense").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theDashboardIsForStaffAndTheBigScreenForTheCommandCentreAndChiefs() throws Exception {
		mvc.perform(get("/statistics").with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/bigscreen").with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/bigscreen").with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/statistics").with(httpBasic("worker1", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/bigscreen").with(httpBasic("worker1", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/statistics").with(httpBasic("auditor", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/bigscreen").with(httpBasic("auditor", "fengqiao-demo"))).andExpect(status().isForbidden());
		// The page's today is the server's clock's.
		String page = mvc.perform(get("/statistics").with(httpBasic("command", "fengqiao-demo")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("data-today=\"" + LocalDate.now(clock) + "\"");
	}

}
