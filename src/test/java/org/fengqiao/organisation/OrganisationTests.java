package org.fengqiao.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The demo organisation matches the seed, the compliance report finds the planted
 * breaches, history is kept.
 */
@FengqiaoIntegration
class OrganisationTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Staffing staffing;

	@Autowired
	Assignments assignments;

	@Test
	void theDemoOrganisationMatchesTheSeedFigures() {
		assertThat(
				count("""
						select count(distinct p.id) from person p join person_role r on r.person_id = p.id and r.role = 'OFFICER'
						join assignment a on a.person_id = p.id and a.kind = 'POLICE_GRID_OFFICER'"""))
			.isEqualTo(62);
		assertThat(count("select count(*) from person_role where role = 'AUXILIARY_OFFICER'")).isEqualTo(189);
		assertThat(count("select count(*) from assignment where kind = 'SECONDMENT'")).isEqualTo(19);
		assertThat(count("select count(*) from assignment where kind = 'SPECIALIST'")).isGreaterThanOrEqualTo(160);
		assertThat(count("select count(*) from unit where kind = 'SECURITY_COMMITTEE'")).isEqualTo(12);
		assertThat(count("select count(*) from unit where kind = 'VOLUNTEER_POLICE_TEAM'")).isEqualTo(1);
		assertThat(count("select count(*) from unit where kind = 'RED_ARMBAND_TEAM'")).isEqualTo(6);
		assertThat(List.of("TOWN_COMMITTEE", "VILLAGE_CENTRE", "GROUP_TEAM")).allSatisfy(rung -> assertThat(count("""
				select count(*) from assignment a join unit u on u.code = a.unit_code
				where a.kind = 'MEDIATOR' and u.kind = '%s'""".formatted(rung))).as(rung).isPositive());
		assertThat(count("select count(*) from person where third_party is not null")).isEqualTo(29);
		assertThat(count("select count(*) from unit where name in ('西郊派出所', '宁条梁派出所')")).isEqualTo(2);
		assertThat(count("select count(*) from person where id_number_sealed is null")).isZero();
		assertThat(count("select count(*) from person where id_number_masked !~ '^610824\\*{8}[0-9X]{4}$'")).isZero();
	}

	@Test
	void theComplianceReportShowsThePlantedBreaches() throws Exception {
		mvc.perform(get("/api/v1/organisation/compliance").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stations[?(@.stationCode == '610824030000')].breach").value(true))
			.andExpect(jsonPath("$.stations[?(@.stationCode == '610824010000')].breach").value(false))
			.andExpect(jsonPath("$.grids[?(@.rule == 'NO_GRID_WORKER')]", org.hamcrest.Matchers.hasSize(3)))
			.andExpect(jsonPath("$.grids[?(@.rule == 'NO_OFFICER')]").isNotEmpty())
			.andExpect(jsonPath("$.grids[?(@.rule == 'NO_MARKET_SUPERVISION')]", org.hamcrest.Matchers.hasSize(1)))
			.andExpect(jsonPath("$.officersShortOfCommunityTime.length()").value(3));
	}

	@Test
	void theCompliancePageShowsTheTableAndTheGridsInBreachForTheMap() throws Exception {
		String breach = jdbc
			.sql("""
					select g.code from grid g where g.level = 4 and not exists (
					  select 1 from assignment a where a.grid_code = g.code and a.kind = 'GRID_WORKER') order by g.code limit 1""")
			.query(String.class)
			.single();
		mvc.perform(get("/organisation/compliance").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("力量配置达标检查"),
						org.hamcrest.Matchers.containsString("未达标"), org.hamcrest.Matchers.containsString("无网格员"),
						org.hamcrest.Matchers.containsString("\"" + breach + "\""))));
		mvc.perform(get("/organisation/compliance").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aStationChiefSeesOnlyTheirStationInTheReport() throws Exception {
		mvc.perform(get("/api/v1/organisation/compliance").with(httpBasic("xijiao", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stations.length()").value(1))
			.andExpect(jsonPath("$.stations[0].station").value("西郊派出所"));
	}

	@Test
	void whoWasResponsibleForAGridOnADateSurvivesRotation() {
		String grid = "61082400100102";
		LocalDate today = staffing.today();
		Staffing.Responsible before = staffing.responsibleFor(grid, today)
			.stream()
			.filter(r -> r.kind().equals("GRID_WORKER"))
			.findFirst()
			.orElseThrow();
		Assignment current = assignments.ofPerson(before.personId())
			.stream()
			.filter(a -> a.kind() == Assignment.Kind.GRID_WORKER && grid.equals(a.gridCode()))
			.findFirst()
			.orElseThrow();
		LocalDate rotation = today.minusDays(10);
		assignments.end(current.endOn(rotation));
		long successor = jdbc.sql("select id from person where name = '王小明' limit 1")
			.query(Long.class)
			.optional()
			.orElseGet(() -> jdbc
				.sql("insert into person (name, unit_code) values ('王小明', 'VC-610824001001') returning id")
				.query(Long.class)
				.single());
		assignments.add(new Assignment(null, successor, Assignment.Kind.GRID_WORKER, grid, null, null, null, null, true,
				rotation, null));

		assertThat(staffing.responsibleFor(grid, rotation.minusDays(1))).extracting(Staffing.Responsible::personId)
			.contains(before.personId())
			.doesNotContain(successor);
		assertThat(staffing.responsibleFor(grid, today)).extracting(Staffing.Responsible::personId)
			.contains(successor)
			.doesNotContain(before.personId());
	}

	@Test
	void rotationThroughTheApiIsCheckedAndAudited() throws Exception {
		long person = jdbc
			.sql("select person_id from assignment where kind = 'GRID_WORKER' and grid_code like '610824103%' limit 1")
			.query(Long.class)
			.single();
		String grid = jdbc.sql("select grid_code from assignment where person_id = ? and kind = 'GRID_WORKER'")
			.param(person)
			.query(String.class)
			.single();
		var created = mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/assignments")
				.contentType("application/json")
				.content("{\"personId\":" + person + ",\"kind\":\"GRID_CHIEF\",\"gridCode\":\"" + grid
						+ "\",\"validFrom\":\"2026-03-01\"}")
				.with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isCreated())
			.andReturn();
		long id = new tools.jackson.databind.ObjectMapper().readTree(created.getResponse().getContentAsString())
			.get("id")
			.asLong();
		var end = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/assignments/" + id + "/end")
			.contentType("application/json")
			.content("{\"on\":\"2026-06-01\"}");
		mvc.perform(end.with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.validTo").value("2026-06-01"));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/v1/assignments/" + id + "/end")
			.contentType("application/json")
			.content("{\"on\":\"2026-07-01\"}")
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isConflict());
		assertThat(staffing.responsibleFor(grid, LocalDate.of(2026, 4, 1))).extracting(Staffing.Responsible::kind)
			.contains("GRID_CHIEF");
		assertThat(
				count("select count(*) from audit_entry where record_type = 'assignment' and record_id = '" + id + "'"))
			.isEqualTo(2);

		// Bad placements and other townships' grids are refused.
		for (String[] bad : new String[][] { { "GRID_WORKER", "61082499999901", "400" }, { "SPECIALIST", grid, "400" },
				{ "GRID_WORKER", "61082400100101", "403" } }) {
			mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/assignments")
				.contentType("application/json")
				.content("{\"personId\":" + person + ",\"kind\":\"" + bad[0] + "\",\"gridCode\":\"" + bad[1]
						+ "\",\"specialty\":\"HEALTH\",\"validFrom\":\"2026-03-01\"}")
				.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().is(Integer.parseInt(bad[2])));
		}
	}

	@Test
	void anAssignmentCannotEndBeforeItStartsOrTwice() {
		Assignment a = new Assignment(1L, 1, Assignment.Kind.GRID_WORKER, "61082400100101", null, null, null, null,
				true, LocalDate.of(2026, 1, 1), null);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.endOn(LocalDate.of(2026, 1, 1)))
			.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> a.endOn(LocalDate.of(2026, 2, 1)).endOn(LocalDate.of(2026, 3, 1)))
			.isInstanceOf(IllegalStateException.class);
		assertThat(a.endOn(LocalDate.of(2026, 2, 1)).isActiveOn(LocalDate.of(2026, 2, 1))).isFalse();
		assertThat(a.endOn(LocalDate.of(2026, 2, 1)).isActiveOn(LocalDate.of(2026, 1, 31))).isTrue();
	}

	@Test
	void theOnDutyQueryFindsTheShiftAtAnInstant() throws Exception {
		String policeGrid = jdbc
			.sql("select police_grid_code from duty_shift where starts_at <= ? and ends_at > ? limit 1")
			.params(java.sql.Timestamp.from(staffing.now()), java.sql.Timestamp.from(staffing.now()))
			.query(String.class)
			.single();
		assertThat(staffing.onDuty(policeGrid, staffing.now())).isNotEmpty();
		assertThat(staffing.onDuty(policeGrid, staffing.now().plusSeconds(86_400L * 60))).isEmpty();
		mvc.perform(get("/api/v1/police-grids/" + policeGrid + "/on-duty").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.onDuty").isNotEmpty())
			.andExpect(jsonPath("$.assigned").isNotEmpty());
	}

	private int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

}
