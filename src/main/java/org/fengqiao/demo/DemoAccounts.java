package org.fengqiao.demo;

import java.util.List;

import org.fengqiao.platform.AccountImport;
import org.fengqiao.platform.AccountImport.NewAccount;
import org.fengqiao.platform.Roles;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the demo accounts (all with the password {@value #PASSWORD}) when the demo data
 * set is enabled. First of the demo loaders: the organisation binds some of them to
 * people.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

	static final String PASSWORD = "fengqiao-demo";

	static final List<NewAccount> ACCOUNTS = List.of(demo("admin", "系统管理员", Roles.ADMIN),
			demo("security", "安全管理员", Roles.SECURITY), demo("auditor", "审计管理员", Roles.AUDITOR),
			demo("command", "县综治中心值班员", Roles.COMMAND), demo("xijiao", "西郊派出所所长", Roles.STATION),
			demo("ningtiaoliang", "宁条梁镇综治办", Roles.TOWNSHIP), demo("worker1", "张家畔街道网格员", Roles.GRID_WORKER),
			demo("worker2", "宁条梁镇网格员", Roles.GRID_WORKER), demo("officer1", "社区民警", Roles.OFFICER),
			demo("mediator1", "村调解中心调解员", Roles.MEDIATOR));

	private final AccountImport accounts;

	DemoAccounts(AccountImport accounts) {
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		accounts.createMissing(ACCOUNTS, PASSWORD);
	}

	private static NewAccount demo(String username, String displayName, String roles) {
		return new NewAccount(username, displayName, roles, true);
	}

}
