package org.fengqiao.dispatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the figures need to know about each whistle, read from dispatch's own records: the
 * statistics module counts these facts (it never reads dispatch's tables). Public: the
 * statistics module re-reads a whistle's facts on every {@link WhistleChanged}, and all
 * of them after a {@link WhistleHistoryImported}.
 *
 * <p>
 * Definitions (STANDARDS.md "Indicators"):
 * <ul>
 * <li><b>handled</b>: resolved, confirmed or closed;</li>
 * <li><b>late</b>: it missed a clock (it was escalated at least once), or was resolved
 * after its handling deadline;</li>
 * <li><b>overdue open</b>: still open (not suspended), and late;</li>
 * <li><b>closed</b>: confirmed by the resident or closed;</li>
 * <li><b>resolved ever</b>: handled now, or resolved once and reopened since;</li>
 * <li><b>response</b>: from the report to its acceptance.</li>
 * </ul>
 */
@Component
public class WhistleFacts {

	/**
	 * The facts of one whistle.
	 *
	 * @param responseSeconds seconds from the report to its acceptance; null when not
	 * accepted
	 * @param rating the resident's rating, 1-5, or null
	 */
	public record Fact(UUID id, Instant reportedAt, String townshipCode, String villageCode, String gridCode,
			String policeGridCode, String categoryCode, int grade, String state, boolean handled, boolean closed,
			boolean late, boolean overdueOpen, boolean resolvedEver, boolean reopened, boolean escalated,
			Long responseSeconds, Integer rating) {
	}

	static final String SELECT = """
			select w.id, w.reported_at, w.township_code, w.village_code, w.grid_code, w.police_grid_code, w.category_code,
			       w.grade, w.state, w.rating, w.escalations,
			       extract(epoch from (w.accepted_at - w.reported_at))::bigint response_seconds,
			       (w.escalations > 0 or (w.resolved_at is not null and w.handle_due is not null and w.resolved_at > w.handle_due)) late,
			       exists (select 1 from whistle_event e where e.whistle_id = w.id and e.action = 'reopen') reopened
			  from whistle w""";

	private final JdbcClient jdbc;

	WhistleFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The facts of these whistles (those that exist). */
	@Transactional(readOnly = true)
	public List<Fact> of(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " where w.id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(WhistleFacts::map)
			.list();
	}

	/** Every whistle's facts, streamed in the order of their ids. */
	@Transactional(readOnly = true)
	public void forEach(Consumer<Fact> consumer) {
		try (var facts = jdbc.sql(SELECT + " order by w.id").withFetchSize(2000).query(WhistleFacts::map).stream()) {
			facts.forEach(consumer);
		}
	}

	/** The categories' Chinese names by code, for tables and charts. */
	public java.util.Map<String, String> categoryNames() {
		java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
		jdbc.sql("select code, name_zh from category order by code")
			.query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
			.list();
		return names;
	}

	private static Fact map(ResultSet rs, int n) throws SQLException {
		String state = rs.getString("state");
		boolean handled = switch (state) {
			case "RESOLVED", "CONFIRMED", "CLOSED" -> true;
			default -> false;
		};
		boolean open = switch (state) {
			case "SUBMITTED", "DISPATCHED", "ACCEPTED", "ON_SCENE", "RETURNED" -> true;
			default -> false;
		};
		boolean late = rs.getBoolean("late");
		boolean reopened = rs.getBoolean("reopened");
		long response = rs.getLong("response_seconds");
		Long responseSeconds = rs.wasNull() ? null : Math.max(0, response);
		int rating = rs.getInt("rating");
		Integer ratingOrNull = rs.wasNull() ? null : rating;
		return new Fact(rs.getObject("id", UUID.class), rs.getTimestamp("reported_at").toInstant(),
				rs.getString("township_code"), rs.getString("village_code"), rs.getString("grid_code"),
				rs.getString("police_grid_code"), rs.getString("category_code"), rs.getInt("grade"), state, handled,
				state.equals("CONFIRMED") || state.equals("CLOSED"), late, open && late, handled || reopened, reopened,
				rs.getInt("escalations") > 0, responseSeconds, ratingOrNull);
	}

}
