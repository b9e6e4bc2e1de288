package org.fengqiao.organisation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is responsible where, for other modules (dispatch routes by it): the people
 * assigned to a grid or police grid on a date, and who is on duty for a police grid at an
 * instant.
 */
@Component
public class Staffing {

	/** A person responsible for an area, with the kind of responsibility. */
	public record Responsible(long personId, String name, String kind, String gridCode, String policeGridCode,
			String specialty, String phoneMasked, LocalDate validFrom, LocalDate validTo) {
	}

	/** A duty shift covering an instant. */
	public record OnDuty(long personId, String name, String policeRoomCode, String policeGridCode, String kind,
			Instant startsAt, Instant endsAt) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Staffing(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Everyone assigned to the grid on that date: chiefs, workers, specialists (rotation
	 * history included).
	 */
	@Transactional(readOnly = true)
	public List<Responsible> responsibleFor(String gridCode, LocalDate date) {
		return responsible("a.grid_code = ?", gridCode, date);
	}

	/** The officers and auxiliary officers assigned to the police grid on that date. */
	@Transactional(readOnly = true)
	public List<Responsible> officersOf(String policeGridCode, LocalDate date) {
		return responsible("a.police_grid_code = ?", policeGridCode, date);
	}

	/**
	 * Every running assignment on that date, in one query (in the order
	 * {@link #responsibleFor} gives): what a bulk import groups in memory instead of
	 * asking for each grid.
	 */
	@Transactional(readOnly = true)
	public List<Responsible> everyoneOn(LocalDate date) {
		return responsible("true", null, date);
	}

	/** One query: the running assignments of an area with their people. */
	private List<Responsible> responsible(String condition, String code, LocalDate date) {
		return jdbc
			.sql("""
					select a.person_id, p.name, a.kind, a.grid_code, a.police_grid_code, a.specialty, p.phone_masked,
					       a.valid_from, a.valid_to
					from assignment a join person p on p.id = a.person_id
					where %s and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?) order by a.kind, a.id"""
				.formatted(condition))
			.params(code == null ? new Object[] { java.sql.Date.valueOf(date), java.sql.Date.valueOf(date) }
					: new Object[] { code, java.sql.Date.valueOf(date), java.sql.Date.valueOf(date) })
			.query((rs, n) -> new Responsible(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getDate(8).toLocalDate(),
					rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate()))
			.list();
	}

	/** The shifts for the police grid that cover the instant. */
	@Transactional(readOnly = true)
	public List<OnDuty> onDuty(String policeGridCode, Instant at) {
		return jdbc
			.sql("""
					select s.person_id, p.name, s.police_room_code, s.police_grid_code, s.kind, s.starts_at, s.ends_at
					from duty_shift s join person p on p.id = s.person_id
					where s.police_grid_code = ? and s.starts_at <= ? and s.ends_at > ? order by s.starts_at, s.person_id""")
			.params(policeGridCode, Timestamp.from(at), Timestamp.from(at))
			.query((rs, n) -> new OnDuty(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
			.list();
	}

	/**
	 * Every duty shift overlapping {@code [from, to)}, in one query: what a bulk import
	 * of past whistles looks up in memory instead of asking {@link #onDuty} for each.
	 */
	@Transactional(readOnly = true)
	public List<OnDuty> shifts(Instant from, Instant to) {
		return jdbc.sql("""
				select s.person_id, p.name, s.police_room_code, s.police_grid_code, s.kind, s.starts_at, s.ends_at
				from duty_shift s join person p on p.id = s.person_id
				where s.starts_at < ? and s.ends_at > ? order by s.starts_at, s.person_id""")
			.params(Timestamp.from(to), Timestamp.from(from))
			.query((rs, n) -> new OnDuty(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** The names of people, by id (for showing who was summoned). */
	@Transactional(readOnly = true)
	public java.util.Map<Long, String> namesOf(java.util.Collection<Long> people) {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		if (!people.isEmpty()) {
			jdbc.sql("select id, name from person where id = any(?)")
				.param(people.toArray(Long[]::new))
				.query((rs, n) -> names.put(rs.getLong(1), rs.getString(2)))
				.list();
		}
		return names;
	}

	public Instant now() {
		return clock.instant();
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

}
