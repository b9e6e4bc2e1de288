package org.fengqiao.organisation;

import java.util.Map;
import java.util.Optional;

import org.fengqiao.platform.AccountHolders;
import org.fengqiao.platform.DomainException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account ↔ person link, kept by organisation in its own table
 * {@code person_account}: the person's assignments give the account its data scope.
 * Platform reaches it through {@link AccountHolders}.
 */
@Component
class PersonAccounts implements AccountHolders {

	private final JdbcClient jdbc;

	PersonAccounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void link(String username, long personId) {
		if (jdbc.sql("select count(*) from person where id = ?").param(personId).query(Integer.class).single() == 0) {
			throw DomainException.invalid("unknown-person", "No person " + personId);
		}
		jdbc.sql("""
				insert into person_account (username, person_id) values (?, ?)
				on conflict (username) do update set person_id = excluded.person_id""")
			.params(username, personId)
			.update();
	}

	@Override
	public Optional<Long> personOf(String username) {
		return jdbc.sql("select person_id from person_account where username = ?")
			.param(username)
			.query(Long.class)
			.optional();
	}

	@Override
	public Map<String, Long> all() {
		Map<String, Long> links = new java.util.HashMap<>();
		jdbc.sql("select username, person_id from person_account")
			.query((org.springframework.jdbc.core.RowCallbackHandler) (rs) -> links.put(rs.getString("username"),
					rs.getLong("person_id")));
		return links;
	}

}
