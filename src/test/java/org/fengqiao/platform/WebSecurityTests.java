package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #9 finding 4 (the command centre page, the OpenAPI document) and 5
 * (Referrer-Policy, SameSite).
 */
@FengqiaoIntegration
class WebSecurityTests {

	static final List<String> ACCOUNTS = List.of("admin", "security", "auditor", "command", "xijiao", "ningtiaoliang",
			"worker1", "worker2", "officer1", "mediator1");

	@Autowired
	MockMvc mvc;

	@LocalServerPort
	int port;

	@Test
	void theCommandCentrePageIsForTheCommandCentreAndTheChiefsOnly() throws Exception {
		List<String> allowed = List.of("command", "xijiao", "ningtiaoliang");
		for (String account : ACCOUNTS) {
			int status = mvc.perform(get("/command").with(httpBasic(account, "fengqiao-demo")))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(status).as("%s opens /command", account).isEqualTo(allowed.contains(account) ? 200 : 403);
		}
	}

	@Test
	void theOpenApiDocumentAndSwaggerUiNeedASignIn() throws Exception {
		mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
		mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isUnauthorized());
		mvc.perform(get("/swagger-ui.html").accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/swagger-ui/index.html").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
		mvc.perform(get("/v3/api-docs").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/whistles']").exists());
	}

	@Test
	void pagesSendAReferrerPolicyAndTheSessionCookieIsSameSiteLax() throws Exception {
		mvc.perform(get("/login")).andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
		// The cookie attributes come from the servlet container: ask the running server.
		HttpResponse<String> login = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
		String cookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + login.headers().map()));
		assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
	}

}
