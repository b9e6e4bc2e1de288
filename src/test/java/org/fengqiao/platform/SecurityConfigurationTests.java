package org.fengqiao.platform;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * The security filter chain of {@link SecurityConfiguration} alone, in a small Spring
 * context without the database (a few seconds, not the whole application): HTTP Basic is
 * off unless {@code fengqiao.security.http-basic=true} (issue #9 finding 4). The test
 * profile of the other tests turns it on; this test shows the default.
 */
class SecurityConfigurationTests {

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@EnableWebSecurity
	@Import(SecurityConfiguration.class)
	static class Chain {

		@Bean
		AccountSecurity accountSecurity() {
			AccountSecurity accounts = mock(AccountSecurity.class);
			String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("fengqiao-demo");
			when(accounts.user(anyString())).thenReturn(Optional.empty());
			when(accounts.user("worker1"))
				.thenReturn(Optional.of(User.withUsername("worker1").password(hash).roles(Roles.GRID_WORKER).build()));
			return accounts;
		}

		@Bean
		AuditLog auditLog() {
			return mock(AuditLog.class);
		}

		@Bean
		Probe probe() {
			return new Probe();
		}

	}

	@RestController
	static class Probe {

		@GetMapping("/api/v1/me/probe")
		String probe(java.security.Principal me) {
			return me.getName();
		}

	}

	static MockMvc chain(Map<String, Object> properties) {
		var context = new AnnotationConfigWebApplicationContext();
		context.setServletContext(new MockServletContext());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		context.register(Chain.class);
		context.refresh();
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Test
	void httpBasicIsOffByDefault() throws Exception {
		MockMvc mvc = chain(Map.of());
		mvc.perform(get("/api/v1/me/probe").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void httpBasicWorksOnlyWhereEnabled() throws Exception {
		MockMvc mvc = chain(Map.of("fengqiao.security.http-basic", "true"));
		mvc.perform(get("/api/v1/me/probe").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(content().string("worker1"));
		mvc.perform(get("/api/v1/me/probe").with(httpBasic("worker1", "wrong"))).andExpect(status().isUnauthorized());
	}

}
