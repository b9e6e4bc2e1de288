package org.fengqiao.organisation;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The unit tree. */
@Repository
class Units {

	private final JdbcClient jdbc;

	Units(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(Unit u) {
		jdbc.sql("insert into unit (code, name, kind, parent_code, area_code, station_code) values (?, ?, ?, ?, ?, ?)")
			.params(u.code(), u.name(), u.kind().name(), u.parentCode(), u.areaCode(), u.stationCode())
			.update();
	}

	boolean exists(String code) {
		return jdbc.sql("select count(*) from unit where code = ?").param(code).query(Integer.class).single() > 0;
	}

	Optional<Unit> find(String code) {
		return jdbc.sql("select * from unit where code = ?").param(code).query((rs, n) -> map(rs)).optional();
	}

	List<Unit> all() {
		return jdbc.sql("select * from unit order by code").query((rs, n) -> map(rs)).list();
	}

	private static Unit map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Unit(rs.getString("code"), rs.getString("name"), Unit.Kind.valueOf(rs.getString("kind")),
				rs.getString("parent_code"), rs.getString("area_code"), rs.getString("station_code"));
	}

}
