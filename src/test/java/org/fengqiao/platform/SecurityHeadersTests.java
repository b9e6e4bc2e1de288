package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Arrays;
import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every response carries the Content-Security-Policy: pages, the public pages, the API,
 * refusals and redirects.
 */
@FengqiaoIntegration
class SecurityHeadersTests {

	@Autowired
	MockMvc mvc;

	@Test
	void everyResponseForbidsInlineScriptAndFraming() throws Exception {
		List<MockHttpServletRequestBuilder> requests = List.of(get("/login"), get("/report"), get("/map"),
				get("/map").with(httpBasic("command", "fengqiao-demo")),
				get("/organisation/compliance").with(httpBasic("command", "fengqiao-demo")), get("/api/v1/categories"),
				get("/api/v1/whistles").with(httpBasic("worker1", "fengqiao-demo")),
				get("/api/v1/audit").with(httpBasic("worker1", "fengqiao-demo")), get("/no-such-page"));
		for (MockHttpServletRequestBuilder request : requests) {
			MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
			String policy = response.getHeader("Content-Security-Policy");
			assertThat(policy).as("CSP on a %d answer", response.getStatus()).isNotNull();
			List<String> directives = Arrays.stream(policy.split(";")).map(String::strip).toList();
			assertThat(directives).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
					"base-uri 'self'", "form-action 'self'", "default-src 'self'");
			assertThat(directives.stream().filter(d -> d.startsWith("script-src")).findFirst().orElseThrow())
				.doesNotContain("unsafe-inline", "unsafe-eval");
		}
	}

}
