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

/**
 * Creates the demo accounts (all with the password {@value #PASSWORD}) when the demo data
 * set is enabled.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

	static final String PASSWORD = "fengqiao-demo";

	record DemoAccount(String username, String displayName, String roles) {
	}

	static final List<DemoAccount> ACCOUNTS = List.of(new DemoAccount("admin", "系统管理员", Roles.ADMIN),
			new DemoAccount("security", "安全管理员", Roles.SECURITY), new DemoAccount("auditor", "审计管理员", Roles.AUDITOR),
			new DemoAccount("command", "县综治中心值班员", Roles.COMMAND), new DemoAccount("xijiao", "西郊派出所所长", Roles.STATION),
			new DemoAccount("ningtiaoliang", "宁条梁镇综治办", Roles.TOWNSHIP),
			new DemoAccount("worker1", "张家畔街道网格员", Roles.GRID_WORKER),
			new DemoAccount("worker2", "宁条梁镇网格员", Roles.GRID_WORKER),
			new DemoAccount("officer1", "社区民警", Roles.OFFICER),
			new DemoAccount("mediator1", "村调解中心调解员", Roles.MEDIATOR));

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
