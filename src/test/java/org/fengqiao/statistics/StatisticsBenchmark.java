package org.fengqiao.statistics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoApplication;
import org.fengqiao.organisation.DataScope;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The year-on-year table of the county over millions of whistles (PRODUCT.md §4: 10
 * million in ≤ 200 ms p95), next to the same figures as a plain GROUP BY over the raw
 * rows. Not a test, no assertion: run its main from the test classpath
 * (docs/benchmarks.md):
 *
 * <pre>
 * ./mvnw -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.fengqiao.statistics.StatisticsBenchmark -Dexec.args="10000000"
 * </pre>
 *
 * It starts the platform without the demo on a fresh embedded database under
 * {@code target/bench-stats}, writes N synthetic whistles straight into dispatch's table
 * (30 months, 17 townships × 12 villages × 8 grids, two police grids per village, each
 * grid fused into one, 20 categories, late, reopened and rated shares), fills the
 * roll-ups with one GROUP BY (what a rebuild computes; the incremental path is proven
 * equal to plain SQL by RollupConsistencyTests), checks the engine's figures equal the
 * plain query's, then times both.
 */
class StatisticsBenchmark {

	static final List<String> CODES = List.of("whistles.received", "whistles.closed", "whistles.closure-rate",
			"whistles.on-time-rate", "whistles.response-minutes-p50", "whistles.response-minutes-p90",
			"whistles.within-30-minutes-share", "whistles.escalated", "whistles.rework-rate", "whistles.satisfaction",
			"whistles.satisfied-share");

	public static void main(String[] args) throws Exception {
		long n = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
		Path dir = Path.of("target/bench-stats");
		// Command-line arguments: they win over application.properties (default
		// properties would not).
		ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
				"--fengqiao.database.data-dir=" + dir.resolve("pg"), "--fengqiao.database.clean=true",
				"--fengqiao.demo.enabled=false", "--server.port=0", "--fengqiao.dispatch.escalation.enabled=false",
				"--fengqiao.mediation.ladder-clock.enabled=false",
				"--fengqiao.audit.checkpoint-file=" + dir.resolve("audit.log"), "--spring.main.banner-mode=off",
				"--logging.level.root=WARN");
		try {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Indicators indicators = app.getBean(Indicators.class);
			System.out.printf("machine: %d cores, %d MB max heap, Java %s, load %s%n",
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
					System.getProperty("java.version"),
					java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
			long t = System.nanoTime();
			generate(jdbc, n);
			System.out.printf("generated %,d whistles in %.0f s%n", n, (System.nanoTime() - t) / 1e9);
			t = System.nanoTime();
			fillRollups(jdbc);
			System.out.printf("roll-ups filled in %.0f s: %,d day rows, %,d month rows%n",
					(System.nanoTime() - t) / 1e9,
					jdbc.queryForObject("select count(*) from stat_whistle_day", Long.class),
					jdbc.queryForObject("select count(*) from stat_whistle_month", Long.class));
			jdbc.execute("analyze");

			// The same figures both ways.
			Indicators.Values engine = indicators.values("610824", "2025", CODES, DataScope.county());
			Map<String, Object> plain = plain(jdbc, "2025-01-01", "2026-01-01");
			System.out.println("engine: " + engine.values());
			System.out.println("plain:  " + plain);

			long[] fast = time(runs, () -> indicators.values("610824", "2025", CODES, DataScope.county()));
			long[] slow = time(Math.max(3, runs / 10), () -> {
				plain(jdbc, "2025-01-01", "2026-01-01");
				plain(jdbc, "2024-01-01", "2025-01-01");
			});
			System.out.printf(
					"%nyear-on-year table, county, 2025 vs 2024 (and 2024 as the preceding year), %,d whistles%n", n);
			System.out.printf("engine (roll-ups):        p50 %6.1f ms  p95 %6.1f ms  (%d runs)%n", fast[0] / 1e6,
					fast[1] / 1e6, runs);
			System.out.printf("plain GROUP BY (raw rows): p50 %6.1f ms  p95 %6.1f ms  (%d runs)%n", slow[0] / 1e6,
					slow[1] / 1e6, Math.max(3, runs / 10));
			System.out.printf("ratio (p50): %.0f×%n", (double) slow[0] / fast[0]);
		}
		finally {
			app.close();
		}
	}

	static long[] time(int runs, Runnable task) {
		task.run();
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			task.run();
			times.add(System.nanoTime() - t);
		}
		long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
		return new long[] { sorted[sorted.length / 2],
				sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)] };
	}

	static void generate(JdbcTemplate jdbc, long n) {
		jdbc.update(
				"""
						insert into division (code, name, level, kind, parent_code) values ('610824', '靖边县', 'COUNTY', 'COUNTY', null)
						on conflict do nothing""");
		jdbc.update(
				"""
						insert into division (code, name, level, kind, parent_code)
						select '610824' || lpad(t::text, 3, '0'), '镇' || t, 'TOWNSHIP', 'TOWN', '610824' from generate_series(1, 17) t
						on conflict do nothing""");
		jdbc.update(
				"""
						insert into category (code, name_zh, name_en, default_grade, line, respond_minutes, handle_amount,
						    handle_calendar, feedback_amount, feedback_calendar, admitted_to_grid)
						select 'B-' || c, '类' || c, 'Category ' || c, 1 + c % 3, 'GRID', 30, 2, 'WORKING_DAYS', 1, 'WORKING_DAYS', true
						  from generate_series(0, 19) c on conflict do nothing""");
		long chunk = 1_000_000;
		for (long from = 0; from < n; from += chunk) {
			long to = Math.min(n, from + chunk);
			long seed = from;
			long first = from;
			jdbc.execute((ConnectionCallback<Object>) c -> {
				try (var s = c.createStatement()) {
					s.execute("select setseed(" + (seed % 1000) / 1000.0 + ")");
					s.execute(
							"""
									insert into whistle (id, tracking_code, category_code, state, grade, line, lon, lat, description,
									    township_code, village_code, grid_code, police_grid_code, responder_level, responder_grid_code,
									    reported_at, accepted_at, handle_due, resolved_at, rating, escalations)
									select gen_random_uuid(), 'B' || lpad(to_hex(i), 15, '0'), 'B-' || (i %% 20), st, 1 + (i %% 3), 'GRID',
									       108.8, 37.6, 'bench', t, v, g, 'P' || v || (i %% 2), 5, g, ts,
									       case when st in ('SUBMITTED', 'DISPATCHED') then null else ts + (r2 * 90) * interval '1 minute' end,
									       ts + interval '2 days',
									       case when st in ('RESOLVED', 'CONFIRMED', 'CLOSED') then ts + (r1 * 3) * interval '1 day' end,
									       case when st in ('CONFIRMED', 'CLOSED') and r3 < 0.8 then 3 + floor(r4 * 2.99)::int end,
									       case when r5 < 0.08 then 1 else 0 end
									  from (select i, t, v, v || lpad((1 + i %% 8)::text, 2, '0') g, ts, r1, r2, r3, r4, r5,
									               case when r0 < 0.78 then 'CLOSED' when r0 < 0.86 then 'CONFIRMED'
									                    when r0 < 0.92 then 'RESOLVED' when r0 < 0.95 then 'ACCEPTED'
									                    when r0 < 0.97 then 'DISPATCHED' when r0 < 0.98 then 'MERGED' else 'SUSPENDED' end st
									          from (select i, '610824' || lpad((1 + i %% 17)::text, 3, '0') t,
									                       '610824' || lpad((1 + i %% 17)::text, 3, '0') || lpad((1 + (i / 17) %% 12)::text, 3, '0') v,
									                       timestamptz '2024-01-01 00:00+08' + (random() * 913) * interval '1 day' ts,
									                       random() r0, random() r1, random() r2, random() r3, random() r4, random() r5
									                  from generate_series(%d, %d) i) x) y"""
								.formatted(first, to - 1));
				}
				return null;
			});
			System.out.printf("  %,d whistles%n", to);
		}
		jdbc.update("""
				insert into whistle_event (whistle_id, at, action, actor, from_state, to_state)
				select id, reported_at, 'reopen', 'bench', 'RESOLVED', 'DISPATCHED' from whistle
				 where state in ('CLOSED', 'CONFIRMED') and abs(hashtext(id::text)) % 100 = 0""");
	}

	/**
	 * The facts of every whistle as the roll-ups count them, then grouped into both
	 * roll-ups.
	 */
	static void fillRollups(JdbcTemplate jdbc) {
		jdbc.execute((ConnectionCallback<Object>) c -> {
			fill(new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true)));
			return null;
		});
	}

	/** On one connection: the temporary table lives in its session. */
	static void fill(JdbcTemplate one) {
		one.execute(
				"""
						create temp table bench_fact as
						select (w.reported_at at time zone 'Asia/Shanghai')::date d,
						       coalesce(w.grid_code, w.village_code, w.township_code, '') area,
						       coalesce(w.village_code, w.township_code, '') village, coalesce(w.police_grid_code, '') pg,
						       w.category_code cat, w.grade, 1 received,
						       (w.state in ('RESOLVED', 'CONFIRMED', 'CLOSED'))::int handled,
						       (w.state in ('CONFIRMED', 'CLOSED'))::int closed,
						       (w.state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RETURNED') and late)::int overdue_open,
						       (w.state in ('RESOLVED', 'CONFIRMED', 'CLOSED') and not late)::int on_time,
						       (w.state in ('RESOLVED', 'CONFIRMED', 'CLOSED') or reopened)::int resolved_ever,
						       reopened::int reopened, (w.escalations > 0)::int escalated,
						       (secs is not null)::int responded, (secs <= 1800)::int within_30,
						       (w.rating is not null)::int rated, coalesce(w.rating, 0) rating_sum, (w.rating >= 4)::int rating_high,
						       case when secs is null then null when secs / 60 < 120 then secs / 60 + 1
						            when secs / 60 < 1440 then 121 + (secs / 60 - 120) / 30
						            else 165 + least((secs / 60 - 1440) / 1440, 29) end bucket
						  from (select w.*, case when w.accepted_at is not null then greatest(extract(epoch from (w.accepted_at - w.reported_at))::bigint, 0) end secs,
						               (w.escalations > 0 or (w.resolved_at is not null and w.handle_due is not null
						                                      and w.resolved_at > w.handle_due)) late,
						               exists (select 1 from whistle_event e where e.whistle_id = w.id and e.action = 'reopen') reopened
						          from whistle w) w""");
		String sums = Arrays.stream(WhistleRollups.COUNTERS.toArray(String[]::new))
			.map(c -> "coalesce(sum(" + c + "), 0)")
			.reduce((a, b) -> a + ", " + b)
			.orElseThrow();
		String counters = String.join(", ", WhistleRollups.COUNTERS);
		one.execute("insert into stat_whistle_day (day, area_code, police_grid_code, category_code, grade, " + counters
				+ ") select d, area, pg, cat, grade, " + sums + " from bench_fact group by 1, 2, 3, 4, 5");
		one.execute("""
				update stat_whistle_day t set response = h.a
				  from (select d, area, pg, cat, grade, stat_sum(array_fill(0, array[(bucket - 1)::int]) || n) a
				          from (select d, area, pg, cat, grade, bucket, count(*)::int n from bench_fact
				                 where bucket is not null group by 1, 2, 3, 4, 5, 6) x group by 1, 2, 3, 4, 5) h
				 where t.day = h.d and t.area_code = h.area and t.police_grid_code = h.pg and t.category_code = h.cat
				   and t.grade = h.grade""");
		one.execute("insert into stat_whistle_month (month, village_code, police_grid_code, " + counters
				+ ") select date_trunc('month', d)::date, village, pg, " + sums + " from bench_fact group by 1, 2, 3");
		one.execute(
				"""
						update stat_whistle_month t set response = h.a
						  from (select m, village, pg, stat_sum(array_fill(0, array[(bucket - 1)::int]) || n) a
						          from (select date_trunc('month', d)::date m, village, pg, bucket, count(*)::int n from bench_fact
						                 where bucket is not null group by 1, 2, 3, 4) x group by 1, 2, 3) h
						 where t.month = h.m and t.village_code = h.village and t.police_grid_code = h.pg""");
		one.execute("insert into stat_whistle_township (month, township_code, " + counters
				+ ") select date_trunc('month', d)::date, substr(village, 1, 9), " + sums
				+ " from bench_fact group by 1, 2");
		one.execute("""
				update stat_whistle_township t set response = h.a
				  from (select m, tw, stat_sum(array_fill(0, array[(bucket - 1)::int]) || n) a
				          from (select date_trunc('month', d)::date m, substr(village, 1, 9) tw, bucket, count(*)::int n
				                  from bench_fact where bucket is not null group by 1, 2, 3) x group by 1, 2) h
				 where t.month = h.m and t.township_code = h.tw""");
		one.execute("drop table bench_fact");
	}

	/**
	 * The county's whistle figures of a period as one plain GROUP BY over the raw rows.
	 */
	static Map<String, Object> plain(JdbcTemplate jdbc, String from, String to) {
		return jdbc.queryForMap(
				"""
						with f as (
						  select w.state in ('RESOLVED', 'CONFIRMED', 'CLOSED') handled, w.state in ('CONFIRMED', 'CLOSED') closed,
						         w.state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'RETURNED') open,
						         (w.escalations > 0 or (w.resolved_at is not null and w.handle_due is not null
						                                and w.resolved_at > w.handle_due)) late,
						         exists (select 1 from whistle_event e where e.whistle_id = w.id and e.action = 'reopen') reopened,
						         w.escalations > 0 escalated,
						         case when w.accepted_at is not null then greatest(extract(epoch from (w.accepted_at - w.reported_at))::bigint, 0) end secs,
						       case when w.accepted_at is not null then greatest(extract(epoch from (w.accepted_at - w.reported_at))::bigint, 0) end / 60 m, w.rating
						    from whistle w
						   where w.reported_at >= ?::date::timestamp at time zone 'Asia/Shanghai'
						     and w.reported_at < ?::date::timestamp at time zone 'Asia/Shanghai'
						     and coalesce(w.grid_code, w.village_code, w.township_code, '') like '610824%')
						select count(*) received, count(*) filter (where closed) closed,
						       round(count(*) filter (where closed)::numeric / nullif(count(*) filter (where handled or (open and late)), 0), 4) closure_rate,
						       round(count(*) filter (where handled and not late)::numeric / nullif(count(*) filter (where handled or (open and late)), 0), 4) on_time_rate,
						       percentile_disc(0.5) within group (order by case when m is null then null when m < 120 then m when m < 1440
						           then 120 + (m - 120) / 30 * 30 else 1440 + least((m - 1440) / 1440, 29) * 1440 end) p50,
						       percentile_disc(0.9) within group (order by case when m is null then null when m < 120 then m when m < 1440
						           then 120 + (m - 120) / 30 * 30 else 1440 + least((m - 1440) / 1440, 29) * 1440 end) p90,
						       round(count(*) filter (where secs <= 1800)::numeric / nullif(count(m), 0), 4) within_30,
						       count(*) filter (where escalated) escalated,
						       round(count(*) filter (where reopened)::numeric / nullif(count(*) filter (where handled or reopened), 0), 4) rework,
						       round(avg(rating), 2) satisfaction,
						       round(count(*) filter (where rating >= 4)::numeric / nullif(count(rating), 0), 4) satisfied
						  from f""",
				from, to);
	}

}
