package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.dispatch.WhistleHistoryImport.HistoricWhistle;
import org.fengqiao.dispatch.WhistleHistoryImport.PastWhistle;
import org.fengqiao.dispatch.WhistleHistoryImport.Step;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The bulk history import stores what playing the same whistle through the dispatcher
 * stores: grade, level, responders, clocks, state and history; escalations as the
 * escalator records them; and it is fast.
 */
@FengqiaoIntegration
@RecordApplicationEvents
class WhistleHistoryImportTests {

	private static final Logger log = LoggerFactory.getLogger(WhistleHistoryImportTests.class);

	@Autowired
	WhistleHistoryImport history;

	@Autowired
	Escalator escalator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEvents events;

	double[] pointIn(String gridCode, double shift) {
		var at = directory.interiorPoint(gridCode).orElseThrow();
		return new double[] { at.lon() + shift, at.lat() + shift };
	}

	Map<String, Object> row(UUID id) {
		return jdbc.sql("""
				select state, grade, grade_reason, line, township_code, village_code, grid_code, micro_grid_code,
				       police_grid_code, responder_level, responder_grid_code, reported_at, respond_due, handle_due,
				       feedback_due, accepted_at, resolved_at, closed_at, rating, escalations, escalate_at
				from whistle where id = ?""").param(id).query().singleRow();
	}

	List<String> history(UUID id) {
		return jdbc.sql("""
				select action || ' ' || actor || ' ' || coalesce(from_state, '-') || '>' || to_state || ' '
				       || coalesce(level::text, '-') || ' ' || coalesce(reason, '-')
				from whistle_event where whistle_id = ? order by id""").param(id).query(String.class).list();
	}

	List<Instant> times(UUID id) {
		return jdbc.sql("select at from whistle_event where whistle_id = ? order by id")
			.param(id)
			.query(Timestamp.class)
			.list()
			.stream()
			.map(Timestamp::toInstant)
			.toList();
	}

	List<String> responders(UUID id) {
		return jdbc.sql("""
				select person_id || ' ' || role || ' ' || level from whistle_responder where whistle_id = ?
				order by level desc, role, person_id""").param(id).query(String.class).list();
	}

	UUID byReference(String reference) {
		return jdbc.sql("select id from whistle where idempotency_key = ?").param(reference).query(UUID.class).single();
	}

	@Test
	void aBulkLoadedWhistleEqualsTheSameWhistlePlayedThroughTheDispatcher() {
		record Case(String category, String grid, String description, List<String> actions) {
		}
		List<Case> cases = List.of(
				new Case("SF-05", "61082410320001", "楼道里堆满杂物，消防通道堵了",
						List.of("accept", "arrive", "resolve", "confirm")),
				new Case("PO-200200", "6108240010080101", "两个摊贩在夜市口角，围了不少人", List.of("accept", "resolve")),
				new Case("HR-11", "61082410120001", "想请网格员帮忙办理医保续费", List.of("accept")),
				new Case("SF-05", "6108240010050101", "安全出口被电动车堵住了", List.of()));
		int n = 0;
		for (Case c : cases) {
			double[] at = pointIn(c.grid(), 0.0003 * (n + 1));
			String played = "played-" + UUID.randomUUID();
			UUID live = history.load(new PastWhistle(c.category(), at[0], at[1], c.description(), "群众", played,
					c.actions(), "command", "已处理完毕", 4, null, null));
			List<Instant> when = times(live);
			// The same whistle with the times the dispatcher gave its steps (confirm
			// records confirm and close at one instant).
			List<Step> steps = new ArrayList<>();
			for (int i = 0; i < c.actions().size(); i++) {
				String action = c.actions().get(i);
				steps.add(new Step(action, when.get(i + 1), action.equals("confirm") ? "resident" : null,
						action.equals("resolve") ? "已处理完毕" : null, action.equals("confirm") ? 4 : null));
			}
			String bulk = "bulk-" + UUID.randomUUID();
			var loaded = history.loadAll(List.of(new HistoricWhistle(c.category(), at[0], at[1], c.description(), "群众",
					bulk, "command", when.get(0), steps)));
			assertThat(loaded.stored()).isEqualTo(1);
			UUID copy = byReference(bulk);
			assertThat(row(copy)).as(c.category() + " " + c.actions()).isEqualTo(row(live));
			assertThat(history(copy)).isEqualTo(history(live)).isNotEmpty();
			assertThat(times(copy)).isEqualTo(when);
			assertThat(responders(copy)).isEqualTo(responders(live)).isNotEmpty();
			n++;
		}
		assertThat(events.stream(WhistleHistoryImported.class)).hasSizeGreaterThanOrEqualTo(cases.size())
			.allMatch(e -> e.count() == 1);
	}

	@Test
	void aMissedClockEscalatesAtTheInstantItFellDueAsTheEscalatorRecordsIt() {
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		double[] at = pointIn("61082410120001", -0.0004);
		// Played: dispatched, then the escalator finds its response clock run out.
		UUID live = history.load(new PastWhistle("SF-05", at[0], at[1], "单元楼消防通道被杂物堵住", "群众",
				"played-" + UUID.randomUUID(), List.of(), "command", null, null, null, null));
		Instant liveDue = (jdbc.sql("select respond_due from whistle where id = ?")
			.param(live)
			.query(Timestamp.class)
			.single()).toInstant();
		escalator.escalateDue(liveDue, 1000);

		// Bulk: reported an hour ago, accepted a minute ago: the response clock (30
		// minutes) ran out once.
		double[] near = pointIn("61082410120001", -0.0008);
		String reference = "bulk-" + UUID.randomUUID();
		Instant reported = now.minus(Duration.ofMinutes(60));
		Instant accepted = now.minus(Duration.ofMinutes(1));
		history.loadAll(List.of(new HistoricWhistle("SF-05", near[0], near[1], "单元楼消防通道被杂物堵住", "群众", reference,
				"command", reported, List.of(Step.of("accept", accepted)))));
		UUID copy = byReference(reference);

		List<String> played = history(live);
		List<String> bulk = history(copy);
		assertThat(played).hasSize(2);
		assertThat(bulk).hasSize(3);
		assertThat(bulk.get(0)).isEqualTo(played.get(0));
		assertThat(bulk.get(1)).isEqualTo(played.get(1)).startsWith("escalate system DISPATCHED>DISPATCHED");
		assertThat(bulk.get(2)).startsWith("accept command DISPATCHED>ACCEPTED");
		assertThat(times(copy).get(1)).isEqualTo(reported.plus(Duration.ofMinutes(30)));

		Map<String, Object> copied = row(copy);
		Map<String, Object> escalated = row(live);
		assertThat(copied.get("escalations")).isEqualTo(1).isEqualTo(escalated.get("escalations"));
		assertThat(copied.get("responder_level")).isEqualTo(escalated.get("responder_level"));
		assertThat(copied.get("responder_grid_code")).isEqualTo(escalated.get("responder_grid_code"));
		assertThat(copied.get("state")).isEqualTo("ACCEPTED");
		assertThat(copied.get("escalate_at")).isEqualTo(copied.get("handle_due")).isNotNull();
		// The chiefs of the level above were summoned when it escalated, in both.
		assertThat(responders(copy)).isEqualTo(responders(live));
	}

	@Test
	void reopenedAndFinishedWhistlesHaveConsistentFacts() {
		Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		double[] at = pointIn("61082410320001", 0.0009);
		Instant t = now.minus(Duration.ofDays(20));
		String reopened = "bulk-" + UUID.randomUUID();
		String open = "bulk-" + UUID.randomUUID();
		var loaded = history.loadAll(List.of(
				new HistoricWhistle("HR-11", at[0], at[1], "帮忙办理社保认证", "群众", reopened, "网格员", t,
						List.of(Step.of("accept", t.plusSeconds(600)), Step.of("resolve", t.plusSeconds(3600), "已办好"),
								Step.of("reopen", t.plus(Duration.ofDays(1)), "还没办好"),
								Step.of("accept", t.plus(Duration.ofDays(1)).plusSeconds(900)),
								Step.of("resolve", t.plus(Duration.ofDays(2)), "已重新办理"),
								new Step("confirm", t.plus(Duration.ofDays(3)), null, null, 5))),
				new HistoricWhistle("HR-11", at[0] + 0.001, at[1], "帮忙办理医保", "群众", open, "网格员",
						now.minus(Duration.ofHours(2)), List.of(Step.of("accept", now.minus(Duration.ofHours(1)))))));
		assertThat(loaded.stored()).isEqualTo(2);

		UUID id = byReference(reopened);
		Map<String, Object> done = row(id);
		assertThat(done.get("state")).isEqualTo("CLOSED");
		assertThat(done.get("rating")).isEqualTo(5);
		assertThat(done.get("escalate_at")).isNull();
		assertThat(((Timestamp) done.get("resolved_at")).toInstant()).isEqualTo(t.plus(Duration.ofDays(2)));
		assertThat(((Timestamp) done.get("closed_at")).toInstant()).isEqualTo(t.plus(Duration.ofDays(3)));
		assertThat(history(id).stream().map(h -> h.substring(0, h.indexOf(' '))).toList()).containsSequence("resolve",
				"reopen", "accept", "resolve", "confirm", "close");
		assertThat(history(id)).anyMatch(h -> h.startsWith("reopen resident RESOLVED>DISPATCHED"));

		Map<String, Object> running = row(byReference(open));
		assertThat(running.get("state")).isEqualTo("ACCEPTED");
		assertThat(running.get("escalate_at")).isNotNull().isEqualTo(running.get("handle_due"));
		assertThat(((Timestamp) running.get("escalate_at")).toInstant()).isAfter(now);

		// Loaded again: the references are stored, nothing is loaded twice.
		assertThat(history
			.loadAll(List
				.of(new HistoricWhistle("HR-11", at[0], at[1], "帮忙办理社保认证", "群众", reopened, "网格员", t, List.of())))
			.skipped()).isEqualTo(1);
	}

	@Test
	void stepsOutOfOrderOrUnknownAreRefusedBeforeAnythingIsStored() {
		Instant now = clock.instant();
		double[] at = pointIn("61082410320001", 0.0012);
		assertThatThrownBy(() -> history
			.loadAll(List.of(new HistoricWhistle("HR-11", at[0], at[1], "帮忙", null, "bulk-" + UUID.randomUUID(), null,
					now.minusSeconds(60), List.of(Step.of("accept", now.minusSeconds(120)))))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> history.loadAll(List.of(new HistoricWhistle("HR-11", at[0], at[1], "帮忙", null,
				"bulk-" + UUID.randomUUID(), null, now.minusSeconds(60), List.of(Step.of("escalate", now))))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> history.loadAll(List.of(new HistoricWhistle("XX-99", at[0], at[1], "帮忙", null,
				"bulk-" + UUID.randomUUID(), null, now.minusSeconds(60), List.of()))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void thousandsLoadInSeconds() {
		Instant now = clock.instant();
		String[] grids = { "61082410320001", "61082410120001", "6108240010050101", "6108240010080101" };
		String[] categories = { "SF-05", "HR-11", "PO-200200", "UM-0108", "DS-01" };
		List<HistoricWhistle> past = new ArrayList<>();
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 2000; i++) {
			double[] at = pointIn(grids[i % grids.length], (random.nextDouble() - 0.5) * 0.004);
			Instant reported = now.minus(Duration.ofDays(400)).plusSeconds(random.nextInt(300 * 86_400));
			past.add(new HistoricWhistle(categories[i % categories.length], at[0], at[1], "批量导入的历史事项 " + i, "群众",
					"speed-" + UUID.randomUUID(), "网格员", reported,
					List.of(Step.of("accept", reported.plusSeconds(600)),
							Step.of("resolve", reported.plusSeconds(7200), "已处理"),
							new Step("confirm", reported.plusSeconds(86_400), null, null, 5))));
		}
		var loaded = history.loadAll(past);
		double rate = loaded.stored() / (loaded.took().toNanos() / 1e9);
		log.info("Bulk history import: {} whistles in {} ms, {} a second", loaded.stored(), loaded.took().toMillis(),
				Math.round(rate));
		assertThat(loaded.stored()).isEqualTo(2000);
		assertThat(jdbc.sql("select count(*) from whistle where idempotency_key like 'speed-%' and state = 'CLOSED'")
			.query(Integer.class)
			.single()).isEqualTo(2000);
		assertThat(rate).isGreaterThan(200);
	}

}
