package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.platform.EventRetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * A whistle transferred to mediation is opened as a dispute even when the listener fails:
 * the event stays outstanding and is delivered again (at start and on the retry
 * schedule), and the dispute is opened exactly once.
 */
@FengqiaoIntegration
class LostEventTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	@Autowired
	EventRetry retry;

	@Autowired
	Environment environment;

	/**
	 * The database owner's connection (Flyway's): the fault is injected in the database,
	 * not in the listener's code.
	 */
	@Autowired
	@org.springframework.boot.flyway.autoconfigure.FlywayDataSource
	javax.sql.DataSource owner;

	@Test
	void aTransferWhoseListenerFailsOnceStillOpensExactlyOneDispute() throws Exception {
		var at = directory.interiorPoint("61082410320001").orElseThrow();
		String body = mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content("{\"categoryCode\":\"DS-01\",\"lon\":" + at.lon() + ",\"lat\":" + at.lat()
						+ ",\"description\":\"邻里因排水沟争执，调解监听失败一次\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonMapper.builder().build().readTree(body).get("id").asString();
		// The first insert of this whistle's dispute fails (a trigger; the sequence
		// counts outside the transaction).
		JdbcClient asOwner = JdbcClient.create(owner);
		asOwner.sql("create sequence lost_event_fault").update();
		asOwner.sql("""
				create function lost_event_fault() returns trigger language plpgsql security definer as $$
				begin
				  if new.source = 'WHISTLE' and new.source_ref = tg_argv[0] and nextval('lost_event_fault') = 1 then
				    raise exception 'injected fault for whistle %', new.source_ref;
				  end if;
				  return new;
				end $$""").update();
		asOwner.sql(
				"create trigger lost_event_fault before insert on dispute for each row execute function lost_event_fault('"
						+ UUID.fromString(id) + "')")
			.update();
		try {
			mvc.perform(post("/api/v1/whistles/" + id + "/transfer").contentType(MediaType.APPLICATION_JSON)
				.content("{\"target\":\"MEDIATION\",\"reason\":\"转村调解中心\"}")
				.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());

			// The listener ran and failed: no dispute, the publication is still
			// outstanding.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> faultsInjected(asOwner) == 1 && outstanding(id) == 1
						&& "FAILED".equals(publicationStatus(id)));
			assertThat(disputesOf(id)).isZero();

			retry.resubmitOlderThan(Duration.ZERO);

			await().atMost(Duration.ofSeconds(20)).until(() -> disputesOf(id) == 1 && outstanding(id) == 0);
			// Once completed, it is not delivered again.
			retry.resubmitOlderThan(Duration.ZERO);
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> disputesOf(id) == 1 && outstanding(id) == 0);
			assertThat(disputesOf(id)).isEqualTo(1);
			assertThat(environment.getProperty("spring.modulith.events.republish-outstanding-events-on-restart",
					Boolean.class))
				.isTrue();
		}
		finally {
			asOwner.sql("drop trigger lost_event_fault on dispute").update();
			asOwner.sql("drop function lost_event_fault()").update();
			asOwner.sql("drop sequence lost_event_fault").update();
		}
	}

	/** How often the trigger was reached (the first time it failed the insert). */
	private static long faultsInjected(JdbcClient asOwner) {
		return asOwner.sql("select case when is_called then last_value else 0 end from lost_event_fault")
			.query(Long.class)
			.single();
	}

	private int disputesOf(String whistleId) {
		return jdbc.sql("select count(*) from dispute where source = 'WHISTLE' and source_ref = ?")
			.param(whistleId)
			.query(Integer.class)
			.single();
	}

	private int outstanding(String whistleId) {
		return jdbc.sql(
				"select count(*) from event_publication where completion_date is null and event_type like '%WhistleTransferred'"
						+ " and serialized_event like ?")
			.param("%" + whistleId + "%")
			.query(Integer.class)
			.single();
	}

	private String publicationStatus(String whistleId) {
		return jdbc
			.sql("select status from event_publication where event_type like '%WhistleTransferred'"
					+ " and serialized_event like ?")
			.param("%" + whistleId + "%")
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
