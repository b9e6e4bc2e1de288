package org.fengqiao.geo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The grids of all five levels. */
@Repository
class Grids {

	private static final String COLUMNS = "code, name, level, parent_code, division_code, type, households, population, "
			+ "chief_name, police_grid_code, boundary";

	private final JdbcClient jdbc;

	Grids(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Grid> findAll() {
		return jdbc.sql("select " + COLUMNS + " from grid order by code").query(Grids::map).list();
	}

	List<Grid> findByLevel(int level) {
		return jdbc.sql("select " + COLUMNS + " from grid where level = ? order by code")
			.param(level)
			.query(Grids::map)
			.list();
	}

	Optional<Grid> findByCode(String code) {
		return jdbc.sql("select " + COLUMNS + " from grid where code = ?").param(code).query(Grids::map).optional();
	}

	/** The grid and its ancestors, the grid first. */
	List<Grid> chainOf(String code) {
		return jdbc.sql("""
				with recursive chain as (
				    select g.*, 0 as depth from grid g where code = ?
				    union all
				    select p.*, c.depth + 1 from grid p join chain c on p.code = c.parent_code)
				select %s from chain order by depth""".formatted(COLUMNS)).param(code).query(Grids::map).list();
	}

	/** Inserts a grid or replaces the one with the same code. */
	void save(Grid g, Instant now) {
		jdbc.sql(
				"""
						insert into grid (code, name, level, parent_code, division_code, type, households, population, chief_name,
						                  police_grid_code, boundary, updated_at)
						values (:code, :name, :level, :parent, :division, :type, :households, :population, :chief, :policeGrid,
						        :boundary, :now)
						on conflict (code) do update set name = excluded.name, level = excluded.level,
						    parent_code = excluded.parent_code, division_code = excluded.division_code, type = excluded.type,
						    households = excluded.households, population = excluded.population, chief_name = excluded.chief_name,
						    police_grid_code = excluded.police_grid_code, boundary = excluded.boundary, updated_at = excluded.updated_at""")
			.param("code", g.code())
			.param("name", g.name())
			.param("level", g.level())
			.param("parent", g.parentCode())
			.param("division", g.divisionCode())
			.param("type", g.type())
			.param("households", g.households())
			.param("population", g.population())
			.param("chief", g.chiefName())
			.param("policeGrid", g.policeGridCode())
			.param("boundary", Geometries.toWkb(g.boundary()))
			.param("now", java.sql.Timestamp.from(now))
			.update();
	}

	private static Grid map(ResultSet rs, int row) throws SQLException {
		return new Grid(rs.getString("code"), rs.getString("name"), rs.getInt("level"), rs.getString("parent_code"),
				rs.getString("division_code"), rs.getString("type"), rs.getInt("households"), rs.getInt("population"),
				rs.getString("chief_name"), rs.getString("police_grid_code"),
				Geometries.fromWkb(rs.getBytes("boundary")));
	}

}
