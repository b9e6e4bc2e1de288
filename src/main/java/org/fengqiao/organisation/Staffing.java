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
 * Who is responsible where, for other modules (dispatch routes by it): the people assigned to a grid or police
 * grid on a date, and who is on duty for a police grid at an instant.
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

	private final Assignments assignments;

	private final Clock clock;

	Staffing(JdbcClient jdbc, Assignments assignments, Clock clock) {
		this.jdbc = jdbc;
		this.assignments = assignments;
		this.clock = clock;
	}

	/** Everyone assigned to the grid on that date: chiefs, workers, specialists (rotation history included). */
	@Transactional(readOnly = true)
	public List<Responsible> responsibleFor(String gridCode, LocalDate date) {
		return assignments.onGrid(gridCode, date).stream().map(this::responsible).toList();
	}

	/** The officers and auxiliary officers assigned to the police grid on that date. */
	@Transactional(readOnly = true)
	public List<Responsible> officersOf(String policeGridCode, LocalDate date) {
		return assignments.onPoliceGrid(policeGridCode, date).stream().map(this::responsible).toList();
	}

	/** The shifts for the police grid that cover the instant. */
	@Transactional(readOnly = true)
	public List<OnDuty> onDuty(String policeGridCode, Instant at) {
		return jdbc.sql("""
				select s.person_id, p.name, s.police_room_code, s.police_grid_code, s.kind, s.starts_at, s.ends_at
				from duty_shift s join person p on p.id = s.person_id
				where s.police_grid_code = ? and s.starts_at <= ? and s.ends_at > ? order by s.starts_at, s.person_id""")
			.params(policeGridCode, Timestamp.from(at), Timestamp.from(at))
			.query((rs, n) -> new OnDuty(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant()))
			.list();
	}

	public Instant now() {
		return clock.instant();
	}

	public LocalDate today() {
		return LocalDate.now(clock);
	}

	private Responsible responsible(Assignment a) {
		var person = jdbc.sql("select name, phone_masked from person where id = ?").param(a.personId())
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).single();
		return new Responsible(a.personId(), person[0], a.kind().name(), a.gridCode(), a.policeGridCode(), a.specialty(),
				person[1], a.validFrom(), a.validTo());
	}
}
