package org.fengqiao.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For each role and endpoint: allowed or denied as specified, and data scope applied in
 * lists, counts and lookups.
 */
@FengqiaoIntegration
class AccessTests {

	static final List<String> ACCOUNTS = List.of("admin", "security", "auditor", "command", "xijiao", "ningtiaoliang",
			"worker1", "worker2", "officer1", "mediator1");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	People people;

	@Autowired
	Assignments assignments;

	@Autowired
	Clock clock;

	/** The grid worker1 (a grid worker of 张家畔街道) works in. */
	static final String WORKER1_GRID = "61082400100101";

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theAccessMatrix() throws Exception {
		// endpoint -> the accounts allowed (everyone else gets 403)
		Map<String, List<String>> matrix = new LinkedHashMap<>();
		List<String> staff = List.of("admin", "command", "xijiao", "ningtiaoliang", "worker1", "worker2", "officer1",
				"mediator1");
		matrix.put("/api/v1/locate?lon=108.8&lat=37.6", staff);
		matrix.put("/api/v1/geo/layers/townships", staff);
		matrix.put("/api/v1/people", staff);
		matrix.put("/api/v1/organisation/compliance", List.of("admin", "command", "xijiao", "ningtiaoliang"));
		matrix.put("/api/v1/audit", List.of("auditor"));
		matrix.put("/api/v1/audit/verify", List.of("auditor"));
		matrix.put("/api/v1/geo/imports", staff);
		matrix.put("/api/v1/accounts", List.of("security"));
		matrix.put("/api/v1/tokens", List.of("security"));
		matrix.put("/api/v1/me/tokens", ACCOUNTS);
		List<String> mediation = List.of("command", "xijiao", "ningtiaoliang", "worker1", "worker2", "officer1",
				"mediator1");
		matrix.put("/api/v1/disputes", mediation);
		matrix.put("/api/v1/disputes/figures", mediation);
		matrix.put("/api/v1/disputes/export.csv", mediation);
		matrix.put("/api/v1/mediation/rooms", mediation);
		matrix.put("/disputes", mediation);
		for (var entry : matrix.entrySet()) {
			for (String account : ACCOUNTS) {
				int status = mvc.perform(get(entry.getKey()).with(httpBasic(account, "fengqiao-demo")))
					.andReturn()
					.getResponse()
					.getStatus();
				if (entry.getValue().contains(account)) {
					assertThat(status).as("%s may GET %s", account, entry.getKey()).isEqualTo(200);
				}
				else {
					assertThat(status).as("%s may not GET %s", account, entry.getKey()).isEqualTo(403);
				}
			}
		}
		// Changes: only the system administrator imports; only chiefs reveal.
		for (String account : ACCOUNTS) {
			int imports = mvc
				.perform(post("/api/v1/geo/imports").contentType("application/geo+json")
					.content("{}")
					.with(httpBasic(account, "fengqiao-demo")))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(imports == 403).as("%s import refused", account).isEqualTo(!account.equals("admin"));
			int reveal = mvc
				.perform(post("/api/v1/people/1/reveal").contentType(MediaType.APPLICATION_JSON)
					.content("{\"field\":\"phone\",\"reason\":\"test of access\"}")
					.with(httpBasic(account, "fengqiao-demo")))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(reveal == 403).as("%s reveal refused", account)
				.isEqualTo(!List.of("command", "xijiao").contains(account));
			// Mediation work: mediators, township staff and the command centre; screening
			// also grid workers and police.
			int work = mvc
				.perform(post("/api/v1/disputes/" + java.util.UUID.randomUUID() + "/archive")
					.with(httpBasic(account, "fengqiao-demo")))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(work == 403).as("%s mediation work refused", account)
				.isEqualTo(!List.of("command", "ningtiaoliang", "mediator1").contains(account));
			int screening = mvc
				.perform(post("/api/v1/disputes").contentType(MediaType.APPLICATION_JSON)
					.content("{}")
					.with(httpBasic(account, "fengqiao-demo")))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(screening == 403).as("%s screening refused", account)
				.isEqualTo(List.of("admin", "security", "auditor").contains(account));
		}
	}

	@Test
	void aGridWorkerSeesOnlyTheirGridsInListsCountsLookupsAndExports() throws Exception {
		// Counts are taken relative to this test's own people, so people other test
		// classes add to the shared
		// database do not change what is asserted.
		long before = body(mvc.perform(get("/api/v1/people").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()).get("total").asLong();
		LocalDate since = LocalDate.now(clock).minusYears(1);
		long neighbour = ownGridWorker("访问测试甲", 1, WORKER1_GRID, since);
		String ruralGrid = jdbc
			.sql("select grid_code from assignment where kind = 'GRID_WORKER' and grid_code like '610824103%'"
					+ " and valid_to is null order by person_id limit 1")
			.query(String.class)
			.single();
		long stranger = ownGridWorker("访问测试乙", 2, ruralGrid, since);

		JsonNode mine = body(
				mvc.perform(get("/api/v1/people").param("size", "500").with(httpBasic("worker1", "fengqiao-demo")))
					.andExpect(status().isOk())
					.andReturn());
		long total = mine.get("total").asLong();
		assertThat(total).as("worker1's people: one more, ours; the stranger is not counted").isEqualTo(before + 1);
		JsonNode all = body(mvc.perform(get("/api/v1/people").with(httpBasic("command", "fengqiao-demo"))).andReturn());
		assertThat(all.get("total").asLong()).isGreaterThan(3000);

		// A person working in a grid of 宁条梁镇 is invisible to worker1 (张家畔街道), by id and
		// in lists.
		mvc.perform(get("/api/v1/people/" + stranger).with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/people/" + stranger).with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/people/" + neighbour).with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk());
		List<Long> listed = new java.util.ArrayList<>();
		for (JsonNode item : mine.get("items")) {
			listed.add(item.get("id").asLong());
		}
		assertThat(listed).contains(neighbour).doesNotContain(stranger);
		mvc.perform(get("/api/v1/people").param("grid", ruralGrid).with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(jsonPath("$.total").value(0));
		mvc.perform(get("/api/v1/grids/" + ruralGrid + "/responsible").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isNotFound());

		// The export holds the same people as the list, masked.
		byte[] xlsx = mvc.perform(get("/api/v1/organisation/export").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = workbook.getSheetAt(0);
			java.util.Set<String> ids = new java.util.HashSet<>();
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				String id = sheet.getRow(r).getCell(2).getStringCellValue();
				assertThat(id).matches("610824\\*{8}[0-9X]{4}");
				ids.add(sheet.getRow(r).getCell(0).getStringCellValue() + id);
			}
			assertThat(ids).hasSize((int) total);
		}
	}

	@Test
	void aRevealNeedsAReasonAndIsAudited() throws Exception {
		long person = jdbc
			.sql("select person_id from assignment where kind = 'GRID_WORKER' and grid_code = ? and valid_to is null"
					+ " order by person_id limit 1")
			.param(WORKER1_GRID)
			.query(Long.class)
			.single();
		mvc.perform(post("/api/v1/people/" + person + "/reveal").contentType(MediaType.APPLICATION_JSON)
			.content("{\"field\":\"idNumber\"}")
			.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/reason-required"));
		JsonNode revealed = body(mvc
			.perform(post("/api/v1/people/" + person + "/reveal").contentType(MediaType.APPLICATION_JSON)
				.content("{\"field\":\"idNumber\",\"reason\":\"核实网格员身份\"}")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn());
		String id = revealed.get("value").asString();
		assertThat(org.fengqiao.platform.PersonalData.isValidIdNumber(id)).isTrue();
		JsonNode shown = body(
				mvc.perform(get("/api/v1/people/" + person).with(httpBasic("command", "fengqiao-demo"))).andReturn());
		assertThat(shown.get("person").get("idNumberMasked").asString())
			.isEqualTo(org.fengqiao.platform.PersonalData.maskIdNumber(id));
		assertThat(shown.toString()).doesNotContain(id);
		JsonNode audit = body(mvc
			.perform(get("/api/v1/audit").param("action", "REVEAL")
				.param("recordId", String.valueOf(person))
				.with(httpBasic("auditor", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn());
		assertThat(audit.toString()).contains("核实网格员身份").contains("DENIED").contains("\"actor\":\"command\"");
		// A station chief outside their area: not found, and the attempt is on record.
		long rural = jdbc
			.sql("select person_id from assignment where kind = 'GRID_WORKER' and grid_code like '610824103%' limit 1")
			.query(Long.class)
			.single();
		mvc.perform(post("/api/v1/people/" + rural + "/reveal").contentType(MediaType.APPLICATION_JSON)
			.content("{\"field\":\"phone\",\"reason\":\"越权尝试\"}")
			.with(httpBasic("xijiao", "fengqiao-demo"))).andExpect(status().isNotFound());
	}

	/**
	 * A grid worker of this test's own, in {@code grid} since {@code since}, born on a
	 * day no demo person is (the ID number is unique).
	 */
	private long ownGridWorker(String name, int serial, String grid, LocalDate since) {
		String idNumber = PersonalData.idNumber("610824", LocalDate.of(1902, 2, 2), serial);
		long person = people.register(new People.Registration(name, "F", null, idNumber, null,
				java.util.EnumSet.of(Person.Role.GRID_WORKER), java.util.Set.of(), null));
		assignments.add(new Assignment(null, person, Assignment.Kind.GRID_WORKER, grid, null, null, null, null, true,
				since, null));
		return person;
	}

	private JsonNode body(MvcResult result) throws Exception {
		return json.readTree(result.getResponse().getContentAsString());
	}

}
