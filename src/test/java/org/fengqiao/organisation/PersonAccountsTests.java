package org.fengqiao.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The account ↔ person link is organisation's ({@code person_account}); platform's
 * account table no longer has a person, and the account API links and lists through
 * {@link org.fengqiao.platform.AccountHolders}.
 */
@FengqiaoIntegration
class PersonAccountsTests {

	static final String STRONG = "Qiao#2026-strong";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	DataScopes scopes;

	@Test
	void platformsAccountTableHasNoPersonAndTheDemoLinksLiveInOrganisation() {
		assertThat(jdbc.sql("""
				select count(*) from information_schema.columns
				where table_schema = current_schema() and table_name = 'account' and column_name = 'person_id'""")
			.query(Integer.class)
			.single()).isZero();
		assertThat(jdbc.sql("select username from person_account").query(String.class).list()).contains("worker1",
				"worker2", "officer1", "xijiao", "mediator1", "ningtiaoliang");
	}

	@Test
	void anAccountCreatedForAPersonIsLinkedListedAndScoped() throws Exception {
		long person = jdbc.sql("""
				select a.person_id from assignment a where a.kind = 'GRID_WORKER' and a.valid_to is null
				order by a.person_id limit 1""").query(Long.class).single();
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"linked1\",\"displayName\":\"网格员\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"GRID_WORKER\"],\"personId\":" + person + "}")
			.with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value("linked1"))
			.andExpect(jsonPath("$.roles").value("GRID_WORKER"));
		assertThat(
				jdbc.sql("select person_id from person_account where username = 'linked1'").query(Long.class).single())
			.isEqualTo(person);
		mvc.perform(get("/api/v1/accounts").with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.username == 'linked1')].personId")
				.value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers
					.anyOf(org.hamcrest.Matchers.is((int) person), org.hamcrest.Matchers.is(person)))))
			.andExpect(jsonPath("$[?(@.username == 'admin')].personId")
				.value(org.hamcrest.Matchers.contains(org.hamcrest.Matchers.nullValue())));
		String grid = jdbc.sql("""
				select grid_code from assignment where person_id = ? and kind = 'GRID_WORKER' and valid_to is null
				limit 1""").param(person).query(String.class).single();
		var linked1 = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
			.authenticated("linked1", null, java.util.List
				.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_GRID_WORKER")));
		assertThat(scopes.of(linked1).areaPrefixes()).as("the person's grids give the account its scope")
			.contains(grid);
	}

	@Test
	void aLinkToAPersonThatDoesNotExistCreatesNoAccount() throws Exception {
		mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"ghostly\",\"displayName\":\"无人\",\"password\":\"" + STRONG
					+ "\",\"roles\":[\"GRID_WORKER\"],\"personId\":-1}")
			.with(httpBasic("security", "fengqiao-demo")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/unknown-person"));
		assertThat(jdbc.sql("select count(*) from account where username = 'ghostly'").query(Integer.class).single())
			.as("account and link are one transaction")
			.isZero();
	}

}
