package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions follow the account (issue #9, finding 3) and CSRF is skipped only for requests
 * a valid token authenticates (finding 4). Each test works on an account of its own,
 * signed in with the form as a person would.
 */
@FengqiaoIntegration
class AccountSessionTests {

	static final String STRONG = "Qiao#2026-strong";

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String account(String role) throws Exception {
		String username = "session" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"displayName\":\"会话\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"" + role + "\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isCreated());
		return username;
	}

	MockHttpSession signIn(String username) throws Exception {
		var result = mvc.perform(formLogin().user(username).password(STRONG)).andExpect(authenticated()).andReturn();
		return (MockHttpSession) result.getRequest().getSession(false);
	}

	String token(MockHttpSession session, String scopes) throws Exception {
		String body = mvc
			.perform(post("/api/v1/me/tokens").session(session)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"机器\",\"scopes\":[" + scopes + "],\"days\":30}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonMapper.builder().build().readTree(body).get("token").asString();
	}

	@Test
	void disablingAnAccountEndsItsOpenSessionsAtOnceAndStopsItsTokens() throws Exception {
		String username = account("COMMAND");
		MockHttpSession session = signIn(username);
		String token = token(session, "\"read\"");
		mvc.perform(get("/api/v1/organisation/compliance").session(session)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/me/tokens").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

		mvc.perform(post("/api/v1/accounts/" + username + "/disable").with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isOk());

		mvc.perform(get("/api/v1/organisation/compliance").session(session)).andExpect(status().isUnauthorized());
		assertThat(session.isInvalid()).as("the session was ended").isTrue();
		mvc.perform(get("/api/v1/me/tokens").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'SESSION_ENDED' and actor = ?")
			.param(username)
			.query(Integer.class)
			.single()).isEqualTo(1);

		mvc.perform(post("/api/v1/accounts/" + username + "/enable").with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isOk());
		mvc.perform(get("/api/v1/organisation/compliance").session(signIn(username))).andExpect(status().isOk());
	}

	@Test
	void aPageOfADisabledAccountsSessionGoesBackToTheSignInPage() throws Exception {
		String username = account("COMMAND");
		MockHttpSession session = signIn(username);
		mvc.perform(get("/command").session(session)).andExpect(status().isOk());
		mvc.perform(post("/api/v1/accounts/" + username + "/disable").with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isOk());
		mvc.perform(get("/command").session(session).accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void changedRolesApplyToTheOpenSessionFromTheNextRequestOn() throws Exception {
		String username = account("COMMAND");
		MockHttpSession session = signIn(username);
		mvc.perform(get("/api/v1/organisation/compliance").session(session)).andExpect(status().isOk());

		mvc.perform(put("/api/v1/accounts/" + username + "/roles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"roles\":[\"MEDIATOR\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/organisation/compliance").session(session)).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/me/tokens").session(session)).andExpect(status().isOk());
		assertThat(session.isInvalid()).as("the session goes on with the new roles").isFalse();

		mvc.perform(put("/api/v1/accounts/" + username + "/roles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"roles\":[\"COMMAND\"]}")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/organisation/compliance").session(session)).andExpect(status().isOk());
	}

	@Test
	void aLockoutByFailedSignInsEndsTheOpenSessionsToo() throws Exception {
		String username = account("GRID_WORKER");
		MockHttpSession session = signIn(username);
		mvc.perform(get("/api/v1/me/tokens").session(session)).andExpect(status().isOk());
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin().user(username).password("wrong-" + i));
		}
		mvc.perform(get("/api/v1/me/tokens").session(session)).andExpect(status().isUnauthorized());
	}

	@Test
	void onlyAValidTokenLiftsTheCsrfCheckOfASession() throws Exception {
		String username = account("COMMAND");
		MockHttpSession session = signIn(username);
		String body = "{\"name\":\"伪造\",\"scopes\":[\"read\"],\"days\":30}";
		String wrongBasic = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":wrong").getBytes(StandardCharsets.UTF_8));
		for (String header : new String[] { "Bearer garbage", "Bearer fq_not-a-token", "Foo bar", wrongBasic }) {
			mvc.perform(post("/api/v1/me/tokens").session(session)
				.header("Authorization", header)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)).andExpect(status().isForbidden());
		}
		assertThat(tokensNamed(username, "伪造")).as("nothing was created without a CSRF token").isZero();

		// A valid token needs no CSRF token, with or without a session beside it; a bad
		// one without a session is 401.
		String token = token(session, "\"read\",\"write\"");
		mvc.perform(post("/api/v1/me/tokens").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/me/tokens").session(session)
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isCreated());
		mvc.perform(post("/api/v1/me/tokens").header("Authorization", "Bearer garbage")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isUnauthorized());
		assertThat(tokensNamed(username, "伪造")).isEqualTo(2);
	}

	int tokensNamed(String username, String name) {
		return jdbc.sql(
				"select count(*) from api_token t join account a on a.id = t.account_id where a.username = ? and t.name = ?")
			.params(username, name)
			.query(Integer.class)
			.single();
	}

}
