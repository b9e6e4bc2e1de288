package org.fengqiao.organisation;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grids of the people responsible for grids — grid chiefs (on the five levels) and
 * grid workers — on a date, for other modules (statistics scores a person on the grids
 * they are assigned to).
 */
@Component
public class GridResponsibles {

	/** One running grid assignment of a person. */
	public record GridAssignment(long personId, String name, String kind, String gridCode) {
	}

	private final JdbcClient jdbc;

	GridResponsibles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Every grid chief's and grid worker's assignment running on the date, by person and
	 * grid.
	 */
	@Transactional(readOnly = true)
	public List<GridAssignment> on(LocalDate date) {
		return jdbc.sql("""
				select a.person_id, p.name, a.kind, a.grid_code from assignment a join person p on p.id = a.person_id
				where a.kind in ('GRID_CHIEF', 'GRID_WORKER') and a.grid_code is not null
				  and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
				order by a.person_id, a.grid_code""")
			.params(java.sql.Date.valueOf(date), java.sql.Date.valueOf(date))
			.query((rs, n) -> new GridAssignment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

}
