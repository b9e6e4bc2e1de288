package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

@FengqiaoIntegration
class AccountSecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static final String STRONG = "Qiao#2026-strong";

	@Test
	void theSecurityAdministratorCreatesAccountsUnderThePasswordPolicy() throws Exception {
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"username\":\"weakling\",\"displayName\":\"弱\",\"password\":\"password\",\"roles\":[\"COMMAND\"]}")
			.with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/weak-password"));
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"twohats\",\"displayName\":\"双\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"ADMIN\",\"AUDITOR\"]}")
			.with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/administrators-apart"));
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"duty1\",\"displayName\":\"值班员\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"COMMAND\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isCreated());
		mvc.perform(get("/api/v1/people").with(httpBasic("duty1", STRONG))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"sneaky\",\"displayName\":\"x\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"COMMAND\"]}")
			.with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(put("/api/v1/accounts/security/roles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"roles\":[\"SECURITY\",\"COMMAND\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'ACCOUNT_CREATED' and record_id = 'duty1'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void repeatedFailuresLockTheAccountUntilTheSecurityAdministratorUnlocksIt() throws Exception {
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"locky\",\"displayName\":\"锁\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"COMMAND\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isCreated());
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/v1/people").with(httpBasic("locky", "wrong-" + i)))
				.andExpect(status().isUnauthorized());
		}
		mvc.perform(get("/api/v1/people").with(httpBasic("locky", STRONG))).andExpect(status().isUnauthorized());
		assertThat(jdbc
			.sql("select count(*) from audit_entry where action = 'SIGN_IN' and actor = 'locky' and result = 'DENIED'")
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(5);
		mvc.perform(post("/api/v1/accounts/locky/unlock").with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/people").with(httpBasic("locky", STRONG))).andExpect(status().isOk());
	}

	@Test
	void personalAccessTokensAreHashedScopedAndRevocable() throws Exception {
		String body = mvc
			.perform(post("/api/v1/me/tokens").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"大屏\",\"scopes\":[\"read\"],\"days\":30}")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = JsonMapper.builder().build().readTree(body).get("token").asString();
		assertThat(token).startsWith("fq_");
		assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?")
			.param(token)
			.query(Integer.class)
			.single()).as("only the hash is stored").isZero();

		mvc.perform(get("/api/v1/locate").param("lon", "108.8")
			.param("lat", "37.6")
			.header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		mvc.perform(post("/api/v1/people/1/reveal").contentType(MediaType.APPLICATION_JSON)
			.content("{\"field\":\"phone\",\"reason\":\"只读令牌\"}")
			.header("Authorization", "Bearer " + token)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/people").header("Authorization", "Bearer fq_not-a-token"))
			.andExpect(status().isUnauthorized());

		long id = jdbc.sql("select id from api_token where name = '大屏' order by id desc limit 1")
			.query(Long.class)
			.single();
		mvc.perform(delete("/api/v1/me/tokens/" + id).with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(delete("/api/v1/tokens/" + id).with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/locate").param("lon", "108.8")
			.param("lat", "37.6")
			.header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
	}

}
