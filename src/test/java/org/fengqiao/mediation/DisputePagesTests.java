package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The mediation pages render for a dispute in every state, in Chinese and English, and
 * refuse what they should.
 */
@FengqiaoIntegration
class DisputePagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDisputePageRendersInEveryState() throws Exception {
		List<UUID> oneOfEach = jdbc.sql("select distinct on (state) id from dispute order by state, registered_at desc")
			.query(UUID.class)
			.list();
		assertThat(oneOfEach).hasSizeGreaterThanOrEqualTo(6);
		for (UUID id : oneOfEach) {
			String page = mvc.perform(get("/disputes/" + id).with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("办理经过", "当事人");
		}
		String english = mvc
			.perform(get("/disputes/" + oneOfEach.get(0)).param("lang", "en")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(english).contains("History", "Parties");
		mvc.perform(get("/disputes").with(httpBasic("mediator1", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/disputes/new").with(httpBasic("worker2", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/disputes/" + UUID.randomUUID()).with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isNotFound());
	}

	@Test
	void aWhistleDisputeWithoutPartiesRenders() throws Exception {
		UUID id = jdbc
			.sql("select id from dispute where source = 'WHISTLE' and not exists "
					+ "(select 1 from dispute_party p where p.dispute_id = dispute.id) limit 1")
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (id == null) {
			id = jdbc.sql("select id from dispute where source = 'WHISTLE' limit 1").query(UUID.class).single();
		}
		mvc.perform(get("/disputes/" + id).with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());
	}

	@Test
	void aResidentAppliesOnThePublicPage() throws Exception {
		String village = jdbc.sql("select code from division where level = 'VILLAGE' order by code limit 1")
			.query(String.class)
			.single();
		mvc.perform(get("/mediate")).andExpect(status().isOk());
		mvc.perform(post("/mediate").with(csrf())
			.param("type", "NEIGHBOURS")
			.param("applicantName", "周红")
			.param("applicantPhone", "13700003333")
			.param("respondentName", "吴刚")
			.param("villageCode", village)
			.param("description", "楼上噪音扰民多次协商不成"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/mediate/track?code=*"));
		String refused = mvc
			.perform(post("/mediate").with(csrf())
				.param("type", "NEIGHBOURS")
				.param("applicantName", "周红")
				.param("applicantPhone", "123")
				.param("respondentName", "吴刚")
				.param("villageCode", village)
				.param("description", "x"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refused).contains("手机号不正确");
		// Without the form's CSRF token nothing is accepted.
		mvc.perform(post("/mediate").param("type", "NEIGHBOURS")).andExpect(status().isForbidden());
	}

	@Test
	void pageActionsNeedSignInAndTheRightRole() throws Exception {
		UUID id = jdbc.sql("select id from dispute where state = 'REGISTERED' limit 1").query(UUID.class).single();
		// Anonymous: sent to sign in (401 for a client that does not ask for HTML), never
		// carried out.
		int anonymous = mvc.perform(post("/disputes/" + id + "/withdraw").with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(anonymous).isIn(302, 401);
		assertThat(jdbc.sql("select state from dispute where id = ?").param(id).query(String.class).single())
			.isEqualTo("REGISTERED");
		mvc.perform(post("/disputes/" + id + "/withdraw").with(csrf()).with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isForbidden());
		mvc.perform(
				post("/disputes/" + id + "/no-such-action").with(csrf()).with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/disputes/" + id + "/schedule").with(csrf())
			.param("startsAt", "not a time")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().is3xxRedirection());
	}

}
