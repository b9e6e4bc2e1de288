package org.fengqiao.platform;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creates the demo accounts (all with the password {@value #PASSWORD}) when the demo data set is enabled. */
@Component
@Order(10)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

	static final String PASSWORD = "fengqiao-demo";

	record DemoAccount(String username, String displayName, String roles) {
	}

	static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin", "系统管理员", Roles.ADMIN),
			new DemoAccount("command", "县综治中心值班员", Roles.COMMAND));

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	DemoAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		String hash = null;
		for (DemoAccount account : ACCOUNTS) {
			boolean exists = jdbc.sql("select count(*) from account where username = ?")
				.param(account.username())
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				hash = hash == null ? passwords.encode(PASSWORD) : hash;
				jdbc.sql("""
						insert into account (username, password_hash, display_name, roles, demo)
						values (?, ?, ?, ?, true)""")
					.params(account.username(), hash, account.displayName(), account.roles())
					.update();
			}
		}
	}
}
