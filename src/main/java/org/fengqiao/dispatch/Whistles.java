package org.fengqiao.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.fengqiao.platform.DomainException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whistles, their history and their responders. Saving checks the version: of two
 * concurrent changes one wins.
 */
@Repository
class Whistles {

	/** What a whistle was reported with; fixed once stored. */
	record Report(UUID id, String trackingCode, String idempotencyKey, String categoryCode, int grade,
			String gradeReason, String line, double lon, double lat, String description, String reporterName,
			String reporterPhoneKey, byte[] reporterPhoneSealed, String reporterPhoneMasked, String townshipCode,
			String villageCode, String gridCode, String microGridCode, String policeGridCode, Instant reportedAt) {
	}

	/** The whistle was changed by someone else since it was loaded. */
	static final class ConcurrentChange extends DomainException {

		ConcurrentChange() {
			this("The whistle was changed by someone else; load it again");
		}

		ConcurrentChange(String message) {
			super(Kind.CONFLICT, "concurrent-change", message);
		}

	}

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	Whistles(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/**
	 * A whistle of the past as the bulk history import stores it: its report, its final
	 * state, every transition and everyone summoned.
	 */
	record Past(Report report, Whistle whistle, List<Whistle.Transition> history, List<Responder> responders) {
	}

	/**
	 * Stores whistles of the past with PostgreSQL's COPY (the fastest bulk path of the
	 * driver): the whistles, then their history in order, then their responders. The
	 * caller holds the transaction.
	 */
	void insertPast(List<Past> past) {
		StringBuilder whistleRows = new StringBuilder(past.size() * 400);
		StringBuilder eventRows = new StringBuilder(past.size() * 600);
		StringBuilder responderRows = new StringBuilder(past.size() * 200);
		for (Past p : past) {
			Report r = p.report();
			Whistle w = p.whistle();
			copyRow(whistleRows, r.id(), r.trackingCode(), r.idempotencyKey(), r.categoryCode(), w.state().name(),
					r.grade(), r.gradeReason(), r.line(), r.lon(), r.lat(), r.description(), r.reporterName(),
					r.reporterPhoneKey(), r.reporterPhoneSealed(), r.reporterPhoneMasked(), r.townshipCode(),
					r.villageCode(), r.gridCode(), r.microGridCode(), r.policeGridCode(), w.level(), w.levelGridCode(),
					r.reportedAt(), w.respondDue(), w.handleDue(), w.feedbackDue(), w.acceptedAt(), w.resolvedAt(),
					w.closedAt(), w.suspendedAt(), w.suspendedFrom() == null ? null : w.suspendedFrom().name(),
					w.rating(), w.mergedInto(), w.escalateAt(), w.escalations());
			for (Whistle.Transition t : p.history()) {
				copyRow(eventRows, w.id, t.at(), t.action().word(), t.actor(),
						t.from() == null ? null : t.from().name(), t.to().name(), t.reason(), t.level());
			}
			java.util.Set<String> summoned = new java.util.HashSet<>();
			for (Responder x : p.responders()) {
				if (summoned.add(x.personId() + "/" + x.level())) {
					copyRow(responderRows, w.id, x.personId(), x.role(), x.level(), x.summonedAt(), x.checkedInAt());
				}
			}
		}
		template.execute((java.sql.Connection connection) -> {
			org.postgresql.copy.CopyManager copy = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
			try {
				copy.copyIn(
						"""
								copy whistle (id, tracking_code, idempotency_key, category_code, state, grade, grade_reason, line, lon, lat,
								    description, reporter_name, reporter_phone_key, reporter_phone_sealed, reporter_phone_masked,
								    township_code, village_code, grid_code, micro_grid_code, police_grid_code, responder_level,
								    responder_grid_code, reported_at, respond_due, handle_due, feedback_due, accepted_at, resolved_at,
								    closed_at, suspended_at, suspended_from, rating, merged_into, escalate_at, escalations) from stdin""",
						new java.io.StringReader(whistleRows.toString()));
				copy.copyIn(
						"copy whistle_event (whistle_id, at, action, actor, from_state, to_state, reason, level) from stdin",
						new java.io.StringReader(eventRows.toString()));
				copy.copyIn(
						"copy whistle_responder (whistle_id, person_id, role, level, summoned_at, checked_in_at) from stdin",
						new java.io.StringReader(responderRows.toString()));
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			return null;
		});
	}

	/**
	 * One row of PostgreSQL's COPY text format: tab between columns, {@code \N} for null,
	 * backslash, tab and line breaks escaped; instants in ISO 8601, bytes in hex.
	 */
	private static void copyRow(StringBuilder out, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append('\t');
			}
			Object v = values[i];
			if (v == null) {
				out.append("\\N");
			}
			else if (v instanceof byte[] bytes) {
				out.append("\\\\x").append(java.util.HexFormat.of().formatHex(bytes));
			}
			else {
				String text = v.toString();
				for (int k = 0; k < text.length(); k++) {
					char c = text.charAt(k);
					switch (c) {
						case '\\' -> out.append("\\\\");
						case '\t' -> out.append("\\t");
						case '\n' -> out.append("\\n");
						case '\r' -> out.append("\\r");
						default -> out.append(c);
					}
				}
			}
		}
		out.append('\n');
	}

	/** The idempotency keys among these that are stored already. */
	java.util.Set<String> storedKeys(List<String> keys) {
		return new java.util.HashSet<>(jdbc.sql("select idempotency_key from whistle where idempotency_key = any(?)")
			.param(keys.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/** Every person's open whistles (as {@link #openLoads}), for everyone at once. */
	java.util.Map<Long, Integer> openLoadsOfAll() {
		java.util.Map<Long, Integer> load = new java.util.HashMap<>();
		jdbc.sql("""
				select r.person_id, count(*) from whistle_responder r join whistle w on w.id = r.whistle_id
				where w.state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED') group by r.person_id""")
			.query((rs, n) -> load.put(rs.getLong(1), rs.getInt(2)))
			.list();
		return load;
	}

	/** A stored whistle as the repeat rules count it. */
	record Reported(String categoryCode, Instant at, double lon, double lat) {
	}

	/** Whistles reported since an instant, not merged, oldest first. */
	List<Reported> reportedSince(Instant since) {
		return jdbc.sql("""
				select category_code, reported_at, lon, lat from whistle where reported_at >= ? and state <> 'MERGED'
				order by reported_at""")
			.param(ts(since))
			.query((rs, n) -> new Reported(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
					rs.getDouble(4)))
			.list();
	}

	/**
	 * Stores a new whistle, unless one with the same idempotency key exists: then nothing
	 * is stored and the answer is false. The unique key decides, so of concurrent
	 * requests with one key exactly one inserts (PostgreSQL makes the others wait for it
	 * to commit, then skip).
	 */
	boolean insert(Report r, Whistle w) {
		int inserted = jdbc
			.sql("""
					insert into whistle (id, tracking_code, idempotency_key, category_code, state, grade, grade_reason, line, lon, lat,
					    description, reporter_name, reporter_phone_key, reporter_phone_sealed, reporter_phone_masked, township_code,
					    village_code, grid_code, micro_grid_code, police_grid_code, responder_level, responder_grid_code,
					    reported_at, respond_due, escalate_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					on conflict (idempotency_key) do nothing""")
			.params(r.id(), r.trackingCode(), r.idempotencyKey(), r.categoryCode(), w.state().name(), r.grade(),
					r.gradeReason(), r.line(), r.lon(), r.lat(), r.description(), r.reporterName(),
					r.reporterPhoneKey(), r.reporterPhoneSealed(), r.reporterPhoneMasked(), r.townshipCode(),
					r.villageCode(), r.gridCode(), r.microGridCode(), r.policeGridCode(), w.level(), w.levelGridCode(),
					ts(r.reportedAt()), ts(w.respondDue()), ts(w.escalateAt()))
			.update();
		if (inserted == 0) {
			return false;
		}
		history(w);
		return true;
	}

	/**
	 * Stores the whistle's state if nobody changed it since it was loaded at that
	 * version.
	 */
	void save(Whistle w, int version) {
		int updated = jdbc
			.sql("""
					update whistle set state = ?, responder_level = ?, responder_grid_code = ?, respond_due = ?, handle_due = ?,
					    feedback_due = ?, escalate_at = ?, accepted_at = ?, resolved_at = ?, closed_at = ?, suspended_at = ?,
					    suspended_from = ?, rating = ?, merged_into = ?, escalations = ?, version = version + 1
					where id = ? and version = ?""")
			.params(w.state().name(), w.level(), w.levelGridCode(), ts(w.respondDue()), ts(w.handleDue()),
					ts(w.feedbackDue()), ts(w.escalateAt()), ts(w.acceptedAt()), ts(w.resolvedAt()), ts(w.closedAt()),
					ts(w.suspendedAt()), w.suspendedFrom() == null ? null : w.suspendedFrom().name(), w.rating(),
					w.mergedInto(), w.escalations(), w.id, version)
			.update();
		if (updated == 0) {
			throw new ConcurrentChange();
		}
		history(w);
	}

	private void history(Whistle w) {
		for (Whistle.Transition t : w.takeTransitions()) {
			jdbc.sql("""
					insert into whistle_event (whistle_id, at, action, actor, from_state, to_state, reason, level)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(w.id, ts(t.at()), t.action().word(), t.actor(), t.from() == null ? null : t.from().name(),
						t.to().name(), t.reason(), t.level())
				.update();
		}
	}

	/** The whistle and the version it was loaded at. */
	record Loaded(Whistle whistle, int version, Report report) {
	}

	Optional<Loaded> load(UUID id) {
		return jdbc.sql("select * from whistle where id = ?").param(id).query(Whistles::map).optional();
	}

	/** Several whistles in one query, in the order of the ids. */
	List<Loaded> loadAll(List<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		java.util.Map<UUID, Loaded> byId = new java.util.HashMap<>();
		jdbc.sql("select * from whistle where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(Whistles::map)
			.list()
			.forEach(l -> byId.put(l.whistle().id, l));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	Optional<Loaded> loadForUpdate(UUID id) {
		return jdbc.sql("select * from whistle where id = ? for update").param(id).query(Whistles::map).optional();
	}

	Optional<UUID> byIdempotencyKey(String key) {
		return jdbc.sql("select id from whistle where idempotency_key = ?").param(key).query(UUID.class).optional();
	}

	Optional<UUID> byTrackingCode(String code) {
		return jdbc.sql("select id from whistle where tracking_code = ?").param(code).query(UUID.class).optional();
	}

	/** Whistles whose escalation is due, locked for this node; other nodes skip them. */
	List<UUID> dueForEscalation(Instant now, int limit) {
		return jdbc.sql("""
				select id from whistle where escalate_at <= ? order by escalate_at limit ? for update skip locked""")
			.params(ts(now), limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * What the work list asks for: whistles in a data scope, optionally of a state,
	 * township, grade, category or line, only open ones, or only those a person is
	 * summoned to ({@code summoned} not null).
	 */
	record Filter(org.fengqiao.organisation.DataScope scope, String state, String township, Integer grade,
			String category, String line, boolean open, Long summoned) {
	}

	long count(Filter filter) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		return jdbc.sql("select count(*) from whistle w" + where(filter, params))
			.paramSource(params)
			.query(Long.class)
			.single();
	}

	/** A page of the whistles the filter selects, newest first. */
	List<UUID> find(Filter filter, int page, int size) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("o", page * size).addValue("l", size);
		return jdbc
			.sql("select w.id from whistle w" + where(filter, params)
					+ " order by w.reported_at desc offset :o limit :l")
			.paramSource(params)
			.query(UUID.class)
			.list();
	}

	private static String where(Filter f, MapSqlParameterSource params) {
		StringBuilder where = new StringBuilder(" where true");
		if (!f.scope().all()) {
			where.append(" and (w.grid_code like any(:areas) or w.police_grid_code = any(:policeGrids))");
			params.addValue("areas", f.scope().areaPrefixes().stream().map(p -> p + "%").toArray(String[]::new));
			params.addValue("policeGrids", f.scope().policeGrids().toArray(String[]::new));
		}
		filter(where, params, "state", "w.state = :state", f.state());
		filter(where, params, "township", "w.township_code = :township", f.township());
		filter(where, params, "grade", "w.grade = :grade", f.grade());
		filter(where, params, "category", "w.category_code = :category", f.category());
		filter(where, params, "line", "w.line = :line", f.line());
		if (f.open()) {
			where.append(
					" and w.state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED', 'RETURNED', 'RESOLVED')");
		}
		if (f.summoned() != null) {
			where.append(
					" and exists (select 1 from whistle_responder r where r.whistle_id = w.id and r.person_id = :me)");
			params.addValue("me", f.summoned());
		}
		return where.toString();
	}

	private static void filter(StringBuilder where, MapSqlParameterSource params, String name, String clause,
			Object value) {
		if (value != null && !(value instanceof String s && s.isBlank())) {
			where.append(" and ").append(clause);
			params.addValue(name, value);
		}
	}

	/** An open whistle near a point. */
	record Near(UUID id, double lon, double lat) {
	}

	List<Near> openNear(String category, double minLon, double maxLon, double minLat, double maxLat, Instant since,
			UUID self) {
		return jdbc.sql("""
				select id, lon, lat from whistle
				where category_code = ? and reported_at >= ? and id <> ?
				  and state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED')
				  and lon between ? and ? and lat between ? and ?""")
			.params(category, ts(since), self, minLon, maxLon, minLat, maxLat)
			.query((rs, n) -> new Near(rs.getObject("id", UUID.class), rs.getDouble("lon"), rs.getDouble("lat")))
			.list();
	}

	void proposeDuplicate(UUID id, UUID original) {
		jdbc.sql("update whistle set possible_duplicate_of = ? where id = ?").params(original, id).update();
	}

	Optional<UUID> possibleDuplicateOf(UUID id) {
		return jdbc.sql("select possible_duplicate_of from whistle where id = ?")
			.param(id)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.optional()
			.filter(java.util.Objects::nonNull);
	}

	List<Whistle.Transition> history(UUID id) {
		return jdbc.sql("select * from whistle_event where whistle_id = ? order by id")
			.param(id)
			.query((rs, n) -> new Whistle.Transition(WhistleAction.of(rs.getString("action")).orElseThrow(),
					rs.getString("actor"), rs.getTimestamp("at").toInstant(),
					rs.getString("from_state") == null ? null : Whistle.State.valueOf(rs.getString("from_state")),
					Whistle.State.valueOf(rs.getString("to_state")), rs.getString("reason"),
					(Integer) rs.getObject("level")))
			.list();
	}

	void summon(UUID whistle, long person, String role, int level, Instant now) {
		jdbc.sql("""
				insert into whistle_responder (whistle_id, person_id, role, level, summoned_at) values (?, ?, ?, ?, ?)
				on conflict do nothing""").params(whistle, person, role, level, ts(now)).update();
	}

	boolean isResponder(UUID whistle, long person) {
		return jdbc.sql("select exists (select 1 from whistle_responder where whistle_id = ? and person_id = ?)")
			.params(whistle, person)
			.query(Boolean.class)
			.single();
	}

	/**
	 * The whistle if an account with this data scope and person may read it: it lies in
	 * the scope, or the person is summoned to it. The one reading rule of the API, the
	 * photos and the pages.
	 */
	java.util.Optional<Loaded> readableBy(UUID id, org.fengqiao.organisation.DataScope scope, Long person) {
		return load(id)
			.filter(l -> WhistlePermissions.inScope(scope, l.report().gridCode(), l.report().policeGridCode())
					|| person != null && isResponder(id, person));
	}

	/**
	 * Keeps a transfer in dispatch until the target's module takes it: nothing handed off
	 * is lost.
	 */
	void handOff(UUID whistle, TransferTarget target, String reason, String actor, Instant at) {
		jdbc.sql("insert into whistle_handoff (whistle_id, target, reason, actor, at) values (?, ?, ?, ?, ?)")
			.params(whistle, target.name(), reason == null || reason.isBlank() ? null : reason.strip(), actor, ts(at))
			.update();
	}

	int checkIn(UUID whistle, long person, Instant now) {
		return jdbc
			.sql("""
					update whistle_responder set checked_in_at = ? where whistle_id = ? and person_id = ? and checked_in_at is null""")
			.params(ts(now), whistle, person)
			.update();
	}

	/**
	 * Open whistles each person is summoned to, in one query: the load used to pick
	 * between people.
	 */
	java.util.Map<Long, Integer> openLoads(List<Long> people) {
		java.util.Map<Long, Integer> load = new java.util.HashMap<>();
		if (people.isEmpty()) {
			return load;
		}
		jdbc.sql("""
				select r.person_id, count(*) from whistle_responder r join whistle w on w.id = r.whistle_id
				where r.person_id = any(?) and w.state in ('DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED')
				group by r.person_id""")
			.param(people.toArray(Long[]::new))
			.query((rs, n) -> load.put(rs.getLong(1), rs.getInt(2)))
			.list();
		return load;
	}

	/** A person summoned to a whistle, and when they checked in (null until then). */
	record Responder(long personId, String role, int level, Instant summonedAt, Instant checkedInAt) {
	}

	List<Responder> responders(UUID whistle) {
		return jdbc.sql("""
				select person_id, role, level, summoned_at, checked_in_at
				from whistle_responder where whistle_id = ? order by level desc, role""")
			.param(whistle)
			.query((rs, n) -> new Responder(rs.getLong(1), rs.getString(2), rs.getInt(3), instant(rs, "summoned_at"),
					instant(rs, "checked_in_at")))
			.list();
	}

	private static Loaded map(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		Whistle w = Whistle.restore(id, Whistle.State.valueOf(rs.getString("state")), rs.getInt("responder_level"),
				rs.getString("responder_grid_code"), instant(rs, "respond_due"), instant(rs, "handle_due"),
				instant(rs, "feedback_due"), instant(rs, "escalate_at"), instant(rs, "accepted_at"),
				instant(rs, "resolved_at"), instant(rs, "closed_at"), instant(rs, "suspended_at"),
				rs.getString("suspended_from") == null ? null : Whistle.State.valueOf(rs.getString("suspended_from")),
				(Integer) rs.getObject("rating"), rs.getObject("merged_into", UUID.class), rs.getInt("escalations"));
		Report report = new Report(id, rs.getString("tracking_code"), rs.getString("idempotency_key"),
				rs.getString("category_code"), rs.getInt("grade"), rs.getString("grade_reason"), rs.getString("line"),
				rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("description"), rs.getString("reporter_name"),
				rs.getString("reporter_phone_key"), null, rs.getString("reporter_phone_masked"),
				rs.getString("township_code"), rs.getString("village_code"), rs.getString("grid_code"),
				rs.getString("micro_grid_code"), rs.getString("police_grid_code"),
				rs.getTimestamp("reported_at").toInstant());
		return new Loaded(w, rs.getInt("version"), report);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

}
