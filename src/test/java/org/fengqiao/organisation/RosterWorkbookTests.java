package org.fengqiao.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Excel imports of people and assignments: per-row errors, all or nothing, valid rows on
 * request; export layout.
 */
@FengqiaoIntegration
class RosterWorkbookTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static String id(String birth, int serial) {
		return PersonalData.idNumber("610824",
				java.time.LocalDate.parse(birth, java.time.format.DateTimeFormatter.BASIC_ISO_DATE), serial);
	}

	@Test
	void aValidWorkbookImportsPeopleAndAssignments() throws Exception {
		String id = id("19880512", 901);
		upload(workbook(RosterWorkbook.COLUMNS,
				List.of("赵新", "男", id, "13912345601", "VC-610824001001", "GRID_WORKER", "GRID_WORKER", "61082400101001",
						"", "", "2026-01-01", ""),
				List.of("赵新", "男", id, "13912345601", "VC-610824001001", "GRID_WORKER", "GRID_CHIEF",
						"6108240010100101", "", "", "2026-01-01", "")),
				false)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("IMPORTED"))
			.andExpect(jsonPath("$.imported").value(2));
		long person = jdbc.sql("select id from person where name = '赵新'").query(Long.class).single();
		assertThat(jdbc.sql("select count(*) from assignment where person_id = ?")
			.param(person)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(
				jdbc.sql("select id_number_masked from person where id = ?").param(person).query(String.class).single())
			.isEqualTo(PersonalData.maskIdNumber(id));
	}

	@Test
	void badRowsAreReportedOneByOneAndNothingIsImported() throws Exception {
		int before = people();
		String good = id("19900101", 902);
		String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
		upload(workbook(RosterWorkbook.COLUMNS,
				List.of("钱好", "女", good, "13912345602", "VC-610824001001", "GRID_WORKER", "GRID_WORKER",
						"61082400101001", "", "", "2026-01-01", ""),
				List.of("孙错", "女", badCheck, "13912345603", "VC-610824001001", "GRID_WORKER", "", "", "", "", "", ""),
				List.of("李号", "男", id("19900101", 903), "1391234", "VC-610824001001", "GRID_WORKER", "", "", "", "", "",
						""),
				List.of("周格", "男", id("19900101", 904), "13912345604", "VC-610824001001", "GRID_WORKER", "GRID_WORKER",
						"61082499999999", "", "", "2026-01-01", ""),
				List.of("吴单", "男", id("19900101", 905), "13912345605", "NO-SUCH-UNIT", "BOSS", "", "", "", "", "", ""),
				List.of("钱好", "女", good, "13912345602", "VC-610824001001", "GRID_WORKER", "GRID_WORKER",
						"61082400101001", "", "", "2026-01-01", ""),
				List.of("郑同", "男", good, "13912345606", "VC-610824001001", "GRID_WORKER", "", "", "", "", "", "")),
				false)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.status").value("REJECTED"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 3)].column").value("身份证号"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 4)].column").value("手机号"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 5)].column").value("网格编码"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 6)].column",
					org.hamcrest.Matchers.containsInAnyOrder("单位编码", "角色")))
			.andExpect(jsonPath("$.report.errors[?(@.row == 7)].message").value("duplicate row"))
			.andExpect(jsonPath("$.report.errors[?(@.row == 8)].column").value("身份证号"));
		assertThat(people()).isEqualTo(before);

		// The administrator imports the valid rows explicitly.
		upload(workbook(RosterWorkbook.COLUMNS,
				List.of("钱好", "女", good, "13912345602", "VC-610824001001", "GRID_WORKER", "GRID_WORKER",
						"61082400101001", "", "", "2026-01-01", ""),
				List.of("孙错", "女", badCheck, "13912345603", "VC-610824001001", "GRID_WORKER", "", "", "", "", "", "")),
				true)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PARTIAL"))
			.andExpect(jsonPath("$.imported").value(1))
			.andExpect(jsonPath("$.errors.length()").value(1));
		assertThat(people()).isEqualTo(before + 1);
	}

	@Test
	void wrongColumnsOrNotAWorkbookAreRefused() throws Exception {
		List<String> wrong = new java.util.ArrayList<>(RosterWorkbook.COLUMNS);
		wrong.set(2, "证件号码");
		upload(workbook(wrong), false).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/wrong-layout"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("身份证号")));
		mvc.perform(multipart("/api/v1/organisation/imports")
			.file(new MockMultipartFile("file", "x.xlsx", null, "not excel".getBytes()))
			.with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/not-a-workbook"));
		mvc.perform(multipart("/api/v1/organisation/imports")
			.file(new MockMultipartFile("file", "x.xlsx", null, workbook(RosterWorkbook.COLUMNS)))
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isForbidden());
	}

	@Test
	void theExportHasTheImportLayout() throws Exception {
		byte[] xlsx = mvc.perform(get("/api/v1/organisation/export").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (var workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var header = workbook.getSheetAt(0).getRow(0);
			for (int c = 0; c < RosterWorkbook.COLUMNS.size(); c++) {
				assertThat(header.getCell(c).getStringCellValue()).isEqualTo(RosterWorkbook.COLUMNS.get(c));
			}
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isGreaterThan(3000);
		}
	}

	private ResultActions upload(byte[] xlsx, boolean validRowsOnly) throws Exception {
		return mvc.perform(multipart("/api/v1/organisation/imports")
			.file(new MockMultipartFile("file", "people.xlsx",
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx))
			.param("validRowsOnly", String.valueOf(validRowsOnly))
			.with(httpBasic("admin", "fengqiao-demo")));
	}

	@SafeVarargs
	private static byte[] workbook(List<String> header, List<String>... rows) throws Exception {
		try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
			var sheet = workbook.createSheet("人员");
			var head = sheet.createRow(0);
			for (int c = 0; c < header.size(); c++) {
				head.createCell(c).setCellValue(header.get(c));
			}
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].size(); c++) {
					row.createCell(c).setCellValue(rows[r].get(c));
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	private int people() {
		return jdbc.sql("select count(*) from person").query(Integer.class).single();
	}

}
