package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;

@FengqiaoIntegration
class PlatformTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void demoAccountsLogInWithTheDemoPassword() throws Exception {
		mvc.perform(formLogin().user("admin").password("fengqiao-demo")).andExpect(authenticated().withRoles("ADMIN"));
		mvc.perform(formLogin().user("command").password("fengqiao-demo"))
			.andExpect(authenticated().withRoles("COMMAND"));
		mvc.perform(formLogin().user("admin").password("wrong")).andExpect(unauthenticated());
	}

	@Test
	void pagesNeedALoginAndTheLoginPageSpeaksChineseByDefault() throws Exception {
		mvc.perform(get("/map").accept(org.springframework.http.MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("用户名")));
		mvc.perform(get("/login").param("lang", "en"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("User name")));
	}

	@Test
	void errorsAreNotTurnedIntoLoginRedirects() throws Exception {
		mvc.perform(get("/error")).andExpect(status().is5xxServerError());
	}

	@Test
	void aProductionProfileRefusesToStartWithDemoAccounts() {
		MockEnvironment prod = new MockEnvironment();
		prod.setActiveProfiles("prod");
		assertThat(jdbc.sql("select count(*) from account where demo").query(Integer.class).single()).isPositive();
		assertThatThrownBy(() -> new ProductionGuard(prod, jdbc).run(new DefaultApplicationArguments()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("demo account");
		prod.setProperty("fengqiao.demo.enabled", "true");
		assertThatThrownBy(() -> new ProductionGuard(prod, jdbc).run(new DefaultApplicationArguments()))
			.hasMessageContaining("fengqiao.demo.enabled");
		MockEnvironment dev = new MockEnvironment();
		new ProductionGuard(dev, jdbc).run(new DefaultApplicationArguments());
	}

}
