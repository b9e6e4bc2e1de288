package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #9 finding 4: the mediation-rooms list follows the data scope; the dispute export
 * is audited.
 */
@FengqiaoIntegration
class RoomsAndExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	JsonNode rooms(String user, String area) throws Exception {
		String body = mvc
			.perform(get("/api/v1/mediation/rooms").param("area", area).with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonMapper.builder().build().readTree(body);
	}

	@Test
	void theRoomsListHoldsOnlyRoomsOfTheCallersArea() throws Exception {
		// A room in mediator1's village (宁条梁镇), which worker1 (张家畔街道) does not cover.
		String village = jdbc
			.sql("""
					select u.area_code from person_account a join person p on p.id = a.person_id join unit u on u.code = p.unit_code
					where a.username = 'mediator1'""")
			.query(String.class)
			.single();
		String code = "R-SCOPE-" + System.nanoTime() % 1_000_000;
		mvc.perform(post("/api/v1/mediation/rooms").contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"" + code + "\",\"name\":\"范围测试室\",\"bodyCode\":\"VM-" + village + "\"}")
			.with(httpBasic("ningtiaoliang", "fengqiao-demo"))).andExpect(status().isCreated());

		assertThat(rooms("mediator1", village).toString()).contains(code);
		assertThat(rooms("command", village).toString()).contains(code);
		JsonNode outside = rooms("worker1", village);
		assertThat(outside.toString()).doesNotContain(code);
		for (JsonNode room : outside) {
			assertThat(village).as("worker1 sees only rooms of bodies above this village, not the village's own")
				.startsWith(room.get("areaCode").asString())
				.isNotEqualTo(room.get("areaCode").asString());
		}
		// The county-wide default list does not show the room to worker1 either.
		assertThat(mvc.perform(get("/api/v1/mediation/rooms").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString()).doesNotContain(code);
	}

	@Test
	void theDisputeExportIsAudited() throws Exception {
		int before = exports("worker2");
		mvc.perform(get("/api/v1/disputes/export.csv").param("state", "REGISTERED")
			.with(httpBasic("worker2", "fengqiao-demo"))).andExpect(status().isOk());
		assertThat(exports("worker2")).isEqualTo(before + 1);
		assertThat(jdbc.sql(
				"select details from audit_entry where action = 'DISPUTE_EXPORT' and actor = 'worker2' order by seq desc limit 1")
			.query(String.class)
			.single()).contains("rows").contains("state=REGISTERED");
	}

	int exports(String actor) {
		return jdbc.sql("select count(*) from audit_entry where action = 'DISPUTE_EXPORT' and actor = ?")
			.param(actor)
			.query(Integer.class)
			.single();
	}

}
