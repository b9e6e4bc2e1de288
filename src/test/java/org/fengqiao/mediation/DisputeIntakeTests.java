package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.dispatch.TransferTarget;
import org.fengqiao.dispatch.WhistleTransferred;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * A whistle transferred to mediation becomes exactly one dispute, whatever the delivery
 * does.
 */
@FengqiaoIntegration
class DisputeIntakeTests {

	@Autowired
	java.time.Clock clock;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	@Autowired
	DisputeIntake intake;

	@Test
	void aTransferredWhistleBecomesOneDisputeOnTheLowestRung() throws Exception {
		var at = directory.interiorPoint("61082410320001").orElseThrow();
		String body = mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content("{\"categoryCode\":\"DS-01\",\"lon\":" + at.lon() + ",\"lat\":" + at.lat()
						+ ",\"description\":\"两户因院墙边界争吵多次\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonMapper.builder().build().readTree(body).get("id").asString();
		mvc.perform(post("/api/v1/whistles/" + id + "/transfer").contentType(MediaType.APPLICATION_JSON)
			.content("{\"target\":\"MEDIATION\",\"reason\":\"转村调解中心\"}")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());

		await().atMost(Duration.ofSeconds(20)).until(() -> disputesOf(id) == 1);
		// The point lies in a villagers' group (micro-grid) that has its own mediation
		// team: the lowest rung.
		assertThat(jdbc.sql("select rung || ' ' || body_code || ' ' || area_code from dispute where source_ref = ?")
			.param(id)
			.query(String.class)
			.single()).matches("GROUP_TEAM GT-(\\d{16}) \\1");
		String village = jdbc.sql("select village_code from whistle where id = ?::uuid")
			.param(id)
			.query(String.class)
			.single();
		assertThat(village).startsWith("610824103");
		assertThat(jdbc.sql("select village_code from dispute where source_ref = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo(village);

		// The same event delivered again (a retry after a crash) changes nothing.
		intake.on(new WhistleTransferred(UUID.fromString(id), TransferTarget.MEDIATION, "DS-01", "again", at.lon(),
				at.lat(), "610824103200", "61082410320001", clock.instant()));
		assertThat(disputesOf(id)).isEqualTo(1);
		// Transfers elsewhere are not disputes.
		intake.on(new WhistleTransferred(UUID.randomUUID(), TransferTarget.POLICE, "PO-200100", "x", at.lon(), at.lat(),
				null, null, clock.instant()));
		assertThat(jdbc.sql("select count(*) from dispute where category_code = 'PO-200100'")
			.query(Integer.class)
			.single()).isZero();
	}

	private int disputesOf(String whistleId) {
		return jdbc.sql("select count(*) from dispute where source = 'WHISTLE' and source_ref = ?")
			.param(whistleId)
			.query(Integer.class)
			.single();
	}

}
