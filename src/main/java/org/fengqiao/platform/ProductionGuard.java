package org.fengqiao.platform;

import java.util.Arrays;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a production profile with demo data: neither the demo data set nor any demo account
 * (all of which share a published password) may exist in production.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProductionGuard implements ApplicationRunner {

	private final Environment environment;

	private final JdbcClient jdbc;

	ProductionGuard(Environment environment, JdbcClient jdbc) {
		this.environment = environment;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
			return;
		}
		if (environment.getProperty("fengqiao.demo.enabled", Boolean.class, false)) {
			throw new IllegalStateException(
					"The prod profile is active but fengqiao.demo.enabled=true: demo accounts are not allowed in production");
		}
		if (environment.getProperty("fengqiao.crypto.current-key", "").startsWith("demo")) {
			throw new IllegalStateException("The prod profile is active but personal data would be encrypted with the "
					+ "published demo key: configure fengqiao.crypto.keys.<id>, current-key and hash-key");
		}
		int demoAccounts = jdbc.sql("select count(*) from account where demo").query(Integer.class).single();
		if (demoAccounts > 0) {
			throw new IllegalStateException("The prod profile is active but the database holds " + demoAccounts
					+ " demo account(s) with the published demo password; delete them before starting in production");
		}
	}
}
