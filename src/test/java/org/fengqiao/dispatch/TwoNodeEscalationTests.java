package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fengqiao.FengqiaoApplication;
import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application nodes on one database: every due clock fires once. The second node is a
 * whole second application context (its own connection pool, scheduler and escalator) on
 * the same PostgreSQL.
 */
@FengqiaoIntegration
class TwoNodeEscalationTests {

	@Autowired
	java.time.Clock clock;

	@Autowired
	Escalator escalator;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	LiveUpdates live;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	@Test
	void twoNodesEscalateEachLateWhistleExactlyOnce() throws Exception {
		List<UUID> ids = new ArrayList<>();
		List<String> grids = jdbc
			.sql("select code from grid where level = 5 and code like '610824001%' order by code limit 40")
			.query(String.class)
			.list();
		for (String grid : grids) {
			var p = directory.interiorPoint(grid).orElseThrow();
			ids.add(dispatcher
				.report(new Dispatcher.ReportWhistle("UM-0102", p.lon(), p.lat(), "两节点测试", null, null, null, null)));
		}
		java.util.Map<UUID, Integer> levels = new java.util.HashMap<>();
		ids.forEach(id -> levels.put(id,
				jdbc.sql("select responder_level from whistle where id = ?").param(id).query(Integer.class).single()));
		Instant late = clock.instant().plusSeconds(3600);

		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(FengqiaoApplication.class)
			.profiles("test")
			// Command-line arguments, not default properties: application.properties
			// would win over those (port 8080).
			.run("--server.port=0", "--fengqiao.dispatch.escalation.enabled=false")) {
			Escalator other = second.getBean(Escalator.class);
			assertThat(other).isNotSameAs(escalator);
			// Every node hears every change, whichever node made it.
			java.util.Set<String> heardHere = java.util.concurrent.ConcurrentHashMap.newKeySet();
			java.util.Set<String> heardThere = java.util.concurrent.ConcurrentHashMap.newKeySet();
			CountDownLatch allHeard = new CountDownLatch(2);
			java.util.Set<String> wanted = new java.util.HashSet<>();
			ids.forEach(id -> wanted.add(id + "|escalate"));
			live.subscribe(m -> {
				if (m != null && heardHere.add(m.id() + "|" + m.action()) && heardHere.containsAll(wanted)
						&& heardHere.size() >= wanted.size()) {
					allHeard.countDown();
				}
			});
			second.getBean(LiveUpdates.class).subscribe(m -> {
				if (m != null && heardThere.add(m.id() + "|" + m.action()) && heardThere.containsAll(wanted)
						&& heardThere.size() >= wanted.size()) {
					allHeard.countDown();
				}
			});
			CountDownLatch start = new CountDownLatch(1);
			var pool = Executors.newFixedThreadPool(2);
			try {
				// Small batches so the two nodes interleave over the same due whistles.
				Future<Integer> a = pool.submit(() -> {
					start.await();
					int total = 0, n;
					while ((n = escalator.escalateDue(late, 3)) > 0) {
						total += n;
					}
					return total;
				});
				Future<Integer> b = pool.submit(() -> {
					start.await();
					int total = 0, n;
					while ((n = other.escalateDue(late, 3)) > 0) {
						total += n;
					}
					return total;
				});
				start.countDown();
				int claimed = a.get() + b.get();
				assertThat(claimed).isGreaterThanOrEqualTo(ids.size());
				assertThat(allHeard.await(30, java.util.concurrent.TimeUnit.SECONDS))
					.as("both nodes heard every escalation")
					.isTrue();
			}
			finally {
				pool.shutdown();
			}
		}
		for (UUID id : ids) {
			assertThat(jdbc.sql("select count(*) from whistle_event where whistle_id = ? and action = 'escalate'")
				.param(id)
				.query(Integer.class)
				.single()).as("whistle %s escalated once", id).isEqualTo(1);
			assertThat(jdbc.sql("select responder_level from whistle where id = ?")
				.param(id)
				.query(Integer.class)
				.single()).isEqualTo(levels.get(id) - 1);
		}
	}

}
