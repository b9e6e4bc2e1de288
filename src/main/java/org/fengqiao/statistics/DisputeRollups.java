package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.fengqiao.mediation.DisputeChanged;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.mediation.DisputeHistoryImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the dispute roll-up current, as {@link WhistleRollups} does for whistles: every
 * {@link DisputeChanged} re-reads the dispute's facts just before the change commits; a
 * {@link DisputeHistoryImported} rebuilds it from all disputes. A dispute counts on the
 * day it was registered, in its area (grid, else village) and the police grid that grid
 * is fused into.
 */
@Component
class DisputeRollups {

	private static final Logger log = LoggerFactory.getLogger(DisputeRollups.class);

	static final List<String> COUNTERS = List.of("screened", "mediated", "underway", "settled", "settled_in_village",
			"settled_in_town", "c2c_cases", "c2c_persons", "petition_cases", "petition_persons", "amount_fen");

	static final RollupTable DAY = new RollupTable("stat_dispute_day",
			List.of("day", "area_code", "police_grid_code", "dispute_type", "source"), COUNTERS, false);

	record Counted(LocalDate day, String areaCode, String policeGridCode, String type, String source, long[] counters) {

		RollupTable.Key key() {
			return new RollupTable.Key(List.of(Date.valueOf(day), areaCode, policeGridCode, type, source));
		}

		boolean same(Counted o) {
			return o != null && key().equals(o.key()) && Arrays.equals(counters, o.counters);
		}

	}

	private final DisputeFacts facts;

	private final Areas areas;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final Clock clock;

	private final PendingRefresh pending;

	DisputeRollups(DisputeFacts facts, Areas areas, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
		this.facts = facts;
		this.areas = areas;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.pending = new PendingRefresh(transactions, this::refresh);
		this.zone = clock.getZone();
		this.clock = clock;
	}

	Counted count(DisputeFacts.Fact f, Function<String, String> policeGridOf) {
		boolean settled = f.settled();
		long persons = f.peopleCount();
		long amount = settled && f.amount() != null ? f.amount().movePointRight(2).longValue() : 0;
		long[] c = { 1, flag(f.mediated()), flag(f.underway()), flag(settled), flag(f.settledInVillage()),
				flag(f.settledInTown()), flag(settled && f.criminalRisk()), settled && f.criminalRisk() ? persons : 0,
				flag(settled && f.petitionRisk()), settled && f.petitionRisk() ? persons : 0, amount };
		String area = WhistleRollups.firstOf(f.areaCode(), f.townshipCode());
		return new Counted(LocalDate.ofInstant(f.registeredAt(), zone), area,
				area.isEmpty() ? "" : WhistleRollups.firstOf(policeGridOf.apply(area)), f.disputeType(), f.source(), c);
	}

	private static long flag(boolean b) {
		return b ? 1 : 0;
	}

	@EventListener
	void on(DisputeChanged change) {
		pending.add(change.disputeId());
	}

	@EventListener
	void on(DisputeHistoryImported imported) {
		rebuild();
	}

	void refresh(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		List<UUID> sorted = ids.stream().sorted().toList();
		Map<UUID, Counted> before = new HashMap<>();
		jdbc.query("select * from stat_dispute where dispute_id = any(?) order by dispute_id for update", rs -> {
			before.put(rs.getObject("dispute_id", UUID.class), counted(rs));
		}, (Object) sorted.toArray(UUID[]::new));
		Map<RollupTable.Key, RollupTable.Delta> day = new HashMap<>();
		List<UUID> changedIds = new ArrayList<>();
		List<Counted> changed = new ArrayList<>();
		for (DisputeFacts.Fact f : facts.of(sorted)) {
			Counted now = count(f, code -> areas.policeGridOf(code).orElse(""));
			Counted old = before.get(f.id());
			if (now.same(old)) {
				continue;
			}
			if (old != null) {
				day.computeIfAbsent(old.key(), k -> DAY.delta()).add(old.counters(), -1);
			}
			day.computeIfAbsent(now.key(), k -> DAY.delta()).add(now.counters(), 1);
			changedIds.add(f.id());
			changed.add(now);
		}
		save(changedIds, changed);
		DAY.add(jdbc, day);
	}

	private void save(List<UUID> ids, List<Counted> rows) {
		if (rows.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("""
				insert into stat_dispute (dispute_id, day, area_code, police_grid_code, dispute_type, source, measures)
				values (?, ?, ?, ?, ?, ?, ?::bigint[])
				on conflict (dispute_id) do update set day = excluded.day, area_code = excluded.area_code,
				    police_grid_code = excluded.police_grid_code, dispute_type = excluded.dispute_type,
				    source = excluded.source, measures = excluded.measures""",
				new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
					@Override
					public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
						Counted c = rows.get(i);
						ps.setObject(1, ids.get(i));
						ps.setDate(2, Date.valueOf(c.day()));
						ps.setString(3, c.areaCode());
						ps.setString(4, c.policeGridCode());
						ps.setString(5, c.type());
						ps.setString(6, c.source());
						ps.setString(7, Arrays.toString(c.counters()).replace('[', '{').replace(']', '}'));
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
		return new Counted(rs.getDate("day").toLocalDate(), rs.getString("area_code"), rs.getString("police_grid_code"),
				rs.getString("dispute_type"), rs.getString("source"), counters);
	}

	/** Counts every dispute afresh. */
	void rebuild() {
		Map<String, String> policeGridOfGrid = areas.policeGridOfGrids();
		transactions.executeWithoutResult(status -> {
			long started = System.nanoTime();
			jdbc.execute("lock table stat_dispute in exclusive mode");
			jdbc.update("delete from stat_dispute");
			jdbc.update("delete from stat_dispute_day");
			Map<RollupTable.Key, RollupTable.Delta> day = new HashMap<>();
			List<UUID> ids = new ArrayList<>();
			List<Counted> rows = new ArrayList<>();
			facts.forEach(f -> {
				Counted c = count(f, code -> policeGridOfGrid.getOrDefault(code, ""));
				day.computeIfAbsent(c.key(), k -> DAY.delta()).add(c.counters(), 1);
				ids.add(f.id());
				rows.add(c);
			});
			save(ids, rows);
			DAY.add(jdbc, day);
			jdbc.update("""
					insert into stat_rebuild (source, rebuilt_at, items) values ('disputes', ?, ?)
					on conflict (source) do update set rebuilt_at = excluded.rebuilt_at, items = excluded.items""",
					java.sql.Timestamp.from(clock.instant()), ids.size());
			log.info("Dispute roll-up rebuilt from {} disputes in {} ms", ids.size(),
					(System.nanoTime() - started) / 1_000_000);
		});
	}

	boolean built() {
		return Boolean.TRUE.equals(jdbc
			.queryForObject("select exists (select 1 from stat_rebuild where source = 'disputes')", Boolean.class));
	}

	static BigDecimal yuan(long fen) {
		return BigDecimal.valueOf(fen, 2);
	}

}
