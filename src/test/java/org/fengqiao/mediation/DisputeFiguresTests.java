package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispute figures on a small data set computed by hand (in 2018 and 2019, before the
 * demo year), for the command centre and within a village mediator's scope.
 */
@FengqiaoIntegration
class DisputeFiguresTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	String township;

	String v1;

	String v2;

	@BeforeEach
	void dataSet() {
		v1 = jdbc
			.sql("""
					select u.area_code from person_account a join person p on p.id = a.person_id join unit u on u.code = p.unit_code
					where a.username = 'mediator1'""")
			.query(String.class)
			.single();
		township = v1.substring(0, 9);
		v2 = directory.divisions()
			.stream()
			.filter(d -> d.level().equals("VILLAGE") && d.parentCode().equals(township) && !d.code().equals(v1))
			.findFirst()
			.orElseThrow()
			.code();
		String elsewhere = directory.divisions()
			.stream()
			.filter(d -> d.level().equals("VILLAGE") && !d.parentCode().equals(township))
			.findFirst()
			.orElseThrow()
			.code();
		jdbc.sql(
				"delete from dispute_agreement where dispute_id in (select id from dispute where registered_by = 'figures-test')")
			.update();
		jdbc.sql("delete from dispute where registered_by = 'figures-test'").update();
		// # village registered type source mediated settled-on amount criminal people
		row(v1, "2019-03-05T10:00", "NEIGHBOURS", "SCREENING", true, "VILLAGE_CENTRE", 1000, true, 3);
		row(v1, "2019-03-31T23:30", "NEIGHBOURS", "SCREENING", true, "GROUP_TEAM", 500, false, 2);
		row(v2, "2019-04-10T09:00", "LAND_FOREST", "APPLICATION", true, "TOWN_COMMITTEE", 2000, false, 2);
		row(v2, "2019-04-20T09:00", "LABOUR", "COURT", true, "COUNTY", 0, false, 8, "SETTLED", true);
		row(v1, "2019-05-02T09:00", "NEIGHBOURS", "SCREENING", true, null, null, true, 2, "TERMINATED", true); // not
																												// prevented
		row(v2, "2019-05-31T23:59", "NEIGHBOURS", "SCREENING", false, null, null, false, 2);
		row(v2, "2019-04-25T09:00", "CONTRACT", "SCREENING", true, null, null, false, 2, "MEDIATING"); // still
																										// underway
		row(v1, "2019-06-01T00:00", "NEIGHBOURS", "SCREENING", true, "VILLAGE_CENTRE", 100, false, 2); // after
																										// the
																										// period
		row(v1, "2019-02-28T23:59", "NEIGHBOURS", "SCREENING", true, "VILLAGE_CENTRE", 100, false, 2); // before
																										// it
		row(elsewhere, "2019-03-15T09:00", "NEIGHBOURS", "SCREENING", true, "VILLAGE_CENTRE", 100, false, 2); // other
																												// town
		row(v1, "2018-04-01T09:00", "NEIGHBOURS", "SCREENING", true, "VILLAGE_CENTRE", 300, false, 2);
		row(v2, "2018-05-01T09:00", "CONTRACT", "SCREENING", true, null, null, false, 2);
	}

	private void row(String village, String registered, String type, String source, boolean mediated, String settledOn,
			Integer amount, boolean criminal, int people) {
		row(village, registered, type, source, mediated, settledOn, amount, criminal, people,
				settledOn != null ? "SETTLED" : mediated ? "TERMINATED" : "REGISTERED");
	}

	private void row(String village, String registered, String type, String source, boolean mediated, String settledOn,
			Integer amount, boolean criminal, int people, String state) {
		row(village, registered, type, source, mediated, settledOn, amount, criminal, people, state, false);
	}

	private void row(String village, String registered, String type, String source, boolean mediated, String settledOn,
			Integer amount, boolean criminal, int people, String state, boolean petition) {
		UUID id = UUID.randomUUID();
		Timestamp at = Timestamp.from(LocalDateTime.parse(registered).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
		jdbc.sql(
				"""
						insert into dispute (id, source, source_ref, description, village_code, township_code, area_code, rung, state,
						    registered_at, tracking_code, dispute_type, people_count, risk_colour, criminal_risk, mediation_started_at,
						    settled_at, settled_rung, registered_by, rung_since, rung_due, petition_risk)
						values (?, ?, ?, 'figures test', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'YELLOW', ?, ?, ?, ?, 'figures-test', ?, ?, ?)""")
			.params(id, source, source.equals("COURT") ? "FT-" + id : null, village, village.substring(0, 9), village,
					settledOn != null ? settledOn : "VILLAGE_CENTRE", state, at,
					id.toString().substring(0, 12).toUpperCase(), type, people, criminal, mediated ? at : null,
					settledOn != null ? at : null, settledOn, at, at, petition)
			.update();
		if (settledOn != null) {
			jdbc.sql(
					"""
							insert into dispute_agreement (dispute_id, kind, facts, obligations, performance, amount, agreed_on, confirmation_due)
							values (?, 'WRITTEN', 'f', 'o', 'p', ?, ?, ?)""")
				.params(id, amount, at.toLocalDateTime().toLocalDate(), at.toLocalDateTime().toLocalDate().plusDays(30))
				.update();
		}
	}

	private JsonNode figures(String user, String query) throws Exception {
		String body = mvc.perform(get("/api/v1/disputes/figures?" + query).with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonMapper.builder().build().readTree(body);
	}

	@Test
	void theTownshipsFiguresMatchTheHandCount() throws Exception {
		JsonNode f = figures("command", "area=" + township + "&from=2019-03&to=2019-05");
		assertThat(f.get("screened").asLong()).isEqualTo(7);
		assertThat(f.get("mediated").asLong()).isEqualTo(5);
		assertThat(f.get("underway").asLong()).isEqualTo(1);
		assertThat(f.get("settled").asLong()).isEqualTo(4);
		assertThat(f.get("successRate").decimalValue()).isEqualByComparingTo("0.8");
		assertThat(f.get("settledInVillageShare").decimalValue()).isEqualByComparingTo("0.5");
		assertThat(f.get("settledInTownShare").decimalValue()).isEqualByComparingTo("0.75");
		assertThat(f.get("agreementAmount").decimalValue()).isEqualByComparingTo("3500");
		assertThat(f.get("civilToCriminalPrevented").get("cases").asLong()).isEqualTo(1);
		assertThat(f.get("civilToCriminalPrevented").get("persons").asLong()).isEqualTo(3);
		assertThat(f.get("groupPetitionsPrevented").get("cases").asLong()).isEqualTo(1);
		assertThat(f.get("groupPetitionsPrevented").get("persons").asLong()).isEqualTo(8);

		JsonNode previous = f.get("previousYear");
		assertThat(previous.get("from").asString()).isEqualTo("2018-03");
		assertThat(previous.get("screened").asLong()).isEqualTo(2);
		assertThat(previous.get("mediated").asLong()).isEqualTo(2);
		assertThat(previous.get("settled").asLong()).isEqualTo(1);
		assertThat(previous.get("successRate").decimalValue()).isEqualByComparingTo("0.5");

		assertThat(f.get("byMonth").toString()).contains("2019-03", "2019-04", "2019-05")
			.doesNotContain("2019-02", "2019-06");
		JsonNode may = f.get("byMonth")
			.valueStream()
			.filter(m -> m.get("key").asString().equals("2019-05"))
			.findFirst()
			.orElseThrow();
		assertThat(may.get("screened").asLong()).isEqualTo(2);
		assertThat(may.get("settled").asLong()).isZero();
		JsonNode neighbours = f.get("byType")
			.valueStream()
			.filter(m -> m.get("key").asString().equals("NEIGHBOURS"))
			.findFirst()
			.orElseThrow();
		assertThat(neighbours.get("screened").asLong()).isEqualTo(4);
		assertThat(neighbours.get("mediated").asLong()).isEqualTo(3);
		assertThat(neighbours.get("settled").asLong()).isEqualTo(2);
		JsonNode court = f.get("bySource")
			.valueStream()
			.filter(m -> m.get("key").asString().equals("COURT"))
			.findFirst()
			.orElseThrow();
		assertThat(court.get("settled").asLong()).isEqualTo(1);
		assertThat(f.get("byRung").valueStream().map(m -> m.get("key").asString())).contains("GROUP_TEAM",
				"VILLAGE_CENTRE", "TOWN_COMMITTEE", "COUNTY");
		assertThat(f.get("byTownship")).hasSize(1);
		JsonNode april = f.get("byMonth")
			.valueStream()
			.filter(m -> m.get("key").asString().equals("2019-04"))
			.findFirst()
			.orElseThrow();
		assertThat(april.get("screened").asLong()).isEqualTo(3);
		assertThat(april.get("mediated").asLong()).isEqualTo(2);
	}

	@Test
	void aVillageMediatorGetsTheFiguresOfTheirVillageOnly() throws Exception {
		JsonNode f = figures("mediator1", "area=" + township + "&from=2019-03&to=2019-05");
		assertThat(f.get("screened").asLong()).isEqualTo(3);
		assertThat(f.get("mediated").asLong()).isEqualTo(3);
		assertThat(f.get("settled").asLong()).isEqualTo(2);
		assertThat(f.get("successRate").decimalValue()).isEqualByComparingTo("0.6667");
		assertThat(f.get("settledInVillageShare").decimalValue()).isEqualByComparingTo("1");
	}

	@Test
	void badPeriodsAreRefused() throws Exception {
		mvc.perform(get("/api/v1/disputes/figures?from=2019-13&to=2019-05").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/disputes/figures?from=2019-06&to=2019-05").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/disputes/figures?area=abc").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/disputes/figures").with(httpBasic("auditor", "fengqiao-demo")))
			.andExpect(status().isForbidden());
	}

}
