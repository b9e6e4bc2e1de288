package org.fengqiao.platform;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts in bulk, for example a county's existing users or the demo accounts:
 * accounts that exist already are left as they are.
 */
@Component
public class AccountImport {

	/**
	 * An account to create; {@code roles} as stored (comma-separated, see {@link Roles}),
	 * {@code demo} marks accounts a production instance refuses to start with.
	 */
	public record NewAccount(String username, String displayName, String roles, boolean demo) {
	}

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	AccountImport(JdbcClient jdbc, PasswordEncoder passwords) {
		this.jdbc = jdbc;
		this.passwords = passwords;
	}

	/**
	 * Creates the accounts that do not exist yet, all with the same initial password
	 * (hashed once).
	 * @return how many were created
	 */
	@Transactional
	public int createMissing(List<NewAccount> accounts, String password) {
		String hash = null;
		int created = 0;
		for (NewAccount account : accounts) {
			boolean exists = jdbc.sql("select count(*) from account where username = ?")
				.param(account.username())
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				hash = hash == null ? passwords.encode(password) : hash;
				jdbc.sql("""
						insert into account (username, password_hash, display_name, roles, demo)
						values (?, ?, ?, ?, ?)""")
					.params(account.username(), hash, account.displayName(), account.roles(), account.demo())
					.update();
				created++;
			}
		}
		return created;
	}

}
