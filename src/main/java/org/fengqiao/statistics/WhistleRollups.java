package org.fengqiao.statistics;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.dispatch.WhistleChanged;
import org.fengqiao.dispatch.WhistleFacts;
import org.fengqiao.dispatch.WhistleHistoryImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the whistle roll-ups current: every {@link WhistleChanged} re-reads the whistle's
 * facts from dispatch just before the change's transaction commits, subtracts what the
 * whistle counted before and adds what it counts now. The figures are right the moment
 * the change is, and roll back with it. After a bulk load
 * ({@link WhistleHistoryImported}) they are rebuilt from all whistles.
 */
@Component
class WhistleRollups {

	private static final Logger log = LoggerFactory.getLogger(WhistleRollups.class);

	/** The counters of every roll-up, in this order. */
	static final List<String> COUNTERS = List.of("received", "handled", "closed", "overdue_open", "on_time",
			"resolved_ever", "reopened", "escalated", "responded", "within_30", "rated", "rating_sum", "rating_high");

	static final RollupTable DAY = new RollupTable("stat_whistle_day",
			List.of("day", "area_code", "police_grid_code", "category_code", "grade"), COUNTERS, true);

	static final RollupTable MONTH = new RollupTable("stat_whistle_month",
			List.of("month", "village_code", "police_grid_code"), COUNTERS, true);

	static final RollupTable TOWNSHIP = new RollupTable("stat_whistle_township", List.of("month", "township_code"),
			COUNTERS, true);

	/** Responses within this many seconds count as "within 30 minutes". */
	static final long WITHIN = 30 * 60;

	/** What one whistle counts, and where. */
	record Counted(LocalDate day, String areaCode, String villageCode, String policeGridCode, String categoryCode,
			int grade, long[] counters, Integer bucket) {

		RollupTable.Key dayKey() {
			return new RollupTable.Key(List.of(Date.valueOf(day), areaCode, policeGridCode, categoryCode, grade));
		}

		RollupTable.Key monthKey() {
			return new RollupTable.Key(List.of(Date.valueOf(day.withDayOfMonth(1)), villageCode, policeGridCode));
		}

		RollupTable.Key townshipKey() {
			return new RollupTable.Key(List.of(Date.valueOf(day.withDayOfMonth(1)),
					villageCode.length() > 9 ? villageCode.substring(0, 9) : villageCode));
		}

		boolean same(Counted o) {
			return o != null && day.equals(o.day) && areaCode.equals(o.areaCode) && villageCode.equals(o.villageCode)
					&& policeGridCode.equals(o.policeGridCode) && categoryCode.equals(o.categoryCode)
					&& grade == o.grade && java.util.Arrays.equals(counters, o.counters)
					&& Objects.equals(bucket, o.bucket);
		}

	}

	private final WhistleFacts facts;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final Clock clock;

	private final PendingRefresh pending;

	WhistleRollups(WhistleFacts facts, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.facts = facts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.pending = new PendingRefresh(transactions, this::refresh);
		this.zone = clock.getZone();
		this.clock = clock;
	}

	/** What a whistle's facts count. */
	Counted count(WhistleFacts.Fact f) {
		long responded = f.responseSeconds() == null ? 0 : 1;
		long within = f.responseSeconds() != null && f.responseSeconds() <= WITHIN ? 1 : 0;
		Integer rating = f.rating();
		long[] c = { 1, flag(f.handled()), flag(f.closed()), flag(f.overdueOpen()), flag(f.handled() && !f.late()),
				flag(f.resolvedEver()), flag(f.reopened()), flag(f.escalated()), responded, within,
				rating == null ? 0 : 1, rating == null ? 0 : rating, rating != null && rating >= 4 ? 1 : 0 };
		String area = firstOf(f.gridCode(), f.villageCode(), f.townshipCode());
		String village = firstOf(f.villageCode(), f.townshipCode());
		return new Counted(LocalDate.ofInstant(f.reportedAt(), zone), area, village, firstOf(f.policeGridCode()),
				f.categoryCode(), f.grade(), c,
				f.responseSeconds() == null ? null : Buckets.of(f.responseSeconds() / 60));
	}

	private static long flag(boolean b) {
		return b ? 1 : 0;
	}

	static String firstOf(String... values) {
		for (String v : values) {
			if (v != null && !v.isEmpty()) {
				return v;
			}
		}
		return "";
	}

	@EventListener
	void on(WhistleChanged change) {
		pending.add(change.whistleId());
	}

	@EventListener
	void on(WhistleHistoryImported imported) {
		rebuild();
	}

	/** Counts these whistles again: their new facts replace what they counted before. */
	void refresh(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		List<UUID> sorted = ids.stream().sorted().toList();
		Map<UUID, Counted> before = new HashMap<>();
		jdbc.query("select * from stat_whistle where whistle_id = any(?) order by whistle_id for update", rs -> {
			before.put(rs.getObject("whistle_id", UUID.class), counted(rs));
		}, (Object) sorted.toArray(UUID[]::new));
		Deltas deltas = new Deltas();
		List<Counted> changed = new ArrayList<>();
		List<UUID> changedIds = new ArrayList<>();
		Set<UUID> seen = new java.util.HashSet<>();
		for (WhistleFacts.Fact f : facts.of(sorted)) {
			seen.add(f.id());
			Counted now = count(f);
			Counted old = before.get(f.id());
			if (now.same(old)) {
				continue;
			}
			if (old != null) {
				add(deltas, old, -1);
			}
			add(deltas, now, 1);
			changed.add(now);
			changedIds.add(f.id());
		}
		// Whistles no longer there (deleted) count no more.
		Set<UUID> gone = new java.util.HashSet<>(before.keySet());
		gone.removeAll(seen);
		for (UUID id : gone) {
			add(deltas, before.get(id), -1);
		}
		if (!gone.isEmpty()) {
			jdbc.update("delete from stat_whistle where whistle_id = any(?)", (Object) gone.toArray(UUID[]::new));
		}
		if (!changed.isEmpty()) {
			saveCounted(changedIds, changed);
		}
		deltas.apply(jdbc);
	}

	/** The deltas of the three roll-ups. */
	record Deltas(Map<RollupTable.Key, RollupTable.Delta> day, Map<RollupTable.Key, RollupTable.Delta> month,
			Map<RollupTable.Key, RollupTable.Delta> township) {

		Deltas() {
			this(new HashMap<>(), new HashMap<>(), new HashMap<>());
		}

		void apply(JdbcTemplate jdbc) {
			DAY.add(jdbc, day);
			MONTH.add(jdbc, month);
			TOWNSHIP.add(jdbc, township);
		}

	}

	private void add(Deltas deltas, Counted c, int sign) {
		RollupTable.Delta t = deltas.township().computeIfAbsent(c.townshipKey(), k -> TOWNSHIP.delta());
		t.add(c.counters(), sign);
		t.addBucket(c.bucket(), sign);
		add(deltas.day(), deltas.month(), c, sign);
	}

	private void add(Map<RollupTable.Key, RollupTable.Delta> day, Map<RollupTable.Key, RollupTable.Delta> month,
			Counted c, int sign) {
		RollupTable.Delta d = day.computeIfAbsent(c.dayKey(), k -> DAY.delta());
		d.add(c.counters(), sign);
		d.addBucket(c.bucket(), sign);
		RollupTable.Delta m = month.computeIfAbsent(c.monthKey(), k -> MONTH.delta());
		m.add(c.counters(), sign);
		m.addBucket(c.bucket(), sign);
	}

	private void saveCounted(List<UUID> ids, List<Counted> rows) {
		jdbc.batchUpdate(
				"""
						insert into stat_whistle (whistle_id, day, area_code, village_code, police_grid_code, category_code, grade,
						    measures, response_bucket)
						values (?, ?, ?, ?, ?, ?, ?, ?::bigint[], ?)
						on conflict (whistle_id) do update set day = excluded.day, area_code = excluded.area_code,
						    village_code = excluded.village_code, police_grid_code = excluded.police_grid_code,
						    category_code = excluded.category_code, grade = excluded.grade, measures = excluded.measures,
						    response_bucket = excluded.response_bucket""",
				new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
					@Override
					public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
						Counted c = rows.get(i);
						ps.setObject(1, ids.get(i));
						ps.setDate(2, Date.valueOf(c.day()));
						ps.setString(3, c.areaCode());
						ps.setString(4, c.villageCode());
						ps.setString(5, c.policeGridCode());
						ps.setString(6, c.categoryCode());
						ps.setInt(7, c.grade());
						ps.setString(8, java.util.Arrays.toString(c.counters()).replace('[', '{').replace(']', '}'));
						if (c.bucket() == null) {
							ps.setNull(9, java.sql.Types.INTEGER);
						}
						else {
							ps.setInt(9, c.bucket());
						}
					}

					@Override
					public int getBatchSize() {
						return rows.size();
					}
				});
	}

	private static Counted counted(java.sql.ResultSet rs) throws java.sql.SQLException {
		Long[] m = (Long[]) rs.getArray("measures").getArray();
		long[] counters = new long[m.length];
		for (int i = 0; i < m.length; i++) {
			counters[i] = m[i];
		}
		int bucket = rs.getInt("response_bucket");
		boolean noBucket = rs.wasNull();
		return new Counted(rs.getDate("day").toLocalDate(), rs.getString("area_code"), rs.getString("village_code"),
				rs.getString("police_grid_code"), rs.getString("category_code"), rs.getInt("grade"), counters,
				noBucket ? null : bucket);
	}

	/**
	 * Counts every whistle afresh (after a bulk load, or when the roll-ups were never
	 * built): concurrent changes wait for it.
	 */
	void rebuild() {
		transactions.executeWithoutResult(status -> {
			long started = System.nanoTime();
			jdbc.execute("lock table stat_whistle in exclusive mode");
			jdbc.update("delete from stat_whistle");
			jdbc.update("delete from stat_whistle_day");
			jdbc.update("delete from stat_whistle_month");
			jdbc.update("delete from stat_whistle_township");
			Deltas deltas = new Deltas();
			List<UUID> ids = new ArrayList<>();
			List<Counted> rows = new ArrayList<>();
			long[] items = { 0 };
			facts.forEach(f -> {
				Counted c = count(f);
				add(deltas, c, 1);
				ids.add(f.id());
				rows.add(c);
				items[0]++;
				if (rows.size() == 5000) {
					saveCounted(ids, rows);
					ids.clear();
					rows.clear();
				}
			});
			saveCounted(ids, rows);
			deltas.apply(jdbc);
			jdbc.update("""
					insert into stat_rebuild (source, rebuilt_at, items) values ('whistles', ?, ?)
					on conflict (source) do update set rebuilt_at = excluded.rebuilt_at, items = excluded.items""",
					java.sql.Timestamp.from(clock.instant()), items[0]);
			log.info("Whistle roll-ups rebuilt from {} whistles in {} ms", items[0],
					(System.nanoTime() - started) / 1_000_000);
		});
	}

	/** Whether the roll-ups were ever built from all whistles. */
	boolean built() {
		return Boolean.TRUE.equals(jdbc
			.queryForObject("select exists (select 1 from stat_rebuild where source = 'whistles')", Boolean.class));
	}

}
