package org.fengqiao.organisation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Assignments of people to grids, police grids, police rooms and units, with their
 * validity dates.
 */
@Repository
class Assignments {

	private final JdbcClient jdbc;

	Assignments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long add(Assignment a) {
		return jdbc
			.sql("""
					insert into assignment (person_id, kind, grid_code, police_grid_code, police_room_code, unit_code, specialty,
					                        full_time, valid_from, valid_to)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(a.personId(), a.kind().name(), a.gridCode(), a.policeGridCode(), a.policeRoomCode(), a.unitCode(),
					a.specialty(), a.fullTime(), Date.valueOf(a.validFrom()),
					a.validTo() == null ? null : Date.valueOf(a.validTo()))
			.query(Long.class)
			.single();
	}

	Optional<Assignment> find(long id) {
		return jdbc.sql("select * from assignment where id = ?").param(id).query(Assignments::map).optional();
	}

	void end(Assignment ended) {
		jdbc.sql("update assignment set valid_to = ? where id = ? and valid_to is null")
			.params(Date.valueOf(ended.validTo()), ended.id())
			.update();
	}

	List<Assignment> ofPerson(long personId) {
		return jdbc.sql("select * from assignment where person_id = ? order by valid_from, id")
			.param(personId)
			.query(Assignments::map)
			.list();
	}

	static Assignment map(ResultSet rs, int row) throws SQLException {
		return new Assignment(rs.getLong("id"), rs.getLong("person_id"), Assignment.Kind.valueOf(rs.getString("kind")),
				rs.getString("grid_code"), rs.getString("police_grid_code"), rs.getString("police_room_code"),
				rs.getString("unit_code"), rs.getString("specialty"), (Boolean) rs.getObject("full_time"),
				rs.getDate("valid_from").toLocalDate(),
				rs.getDate("valid_to") == null ? null : rs.getDate("valid_to").toLocalDate());
	}

}
