package org.fengqiao.geo;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The administrative divisions. */
@Repository
class Divisions {

	private final JdbcClient jdbc;

	Divisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String code) {
		return jdbc.sql("select count(*) from division where code = ?").param(code).query(Integer.class).single() > 0;
	}

	List<Division> findAll() {
		return jdbc.sql(
				"select code, name, level, kind, parent_code, boundary from division where valid_to is null order by code")
			.query((rs, n) -> new Division(rs.getString("code"), rs.getString("name"),
					Division.Level.valueOf(rs.getString("level")), rs.getString("kind"), rs.getString("parent_code"),
					rs.getBytes("boundary") == null ? null : Geometries.fromWkb(rs.getBytes("boundary"))))
			.list();
	}

	void insert(Division d) {
		jdbc.sql("insert into division (code, name, level, kind, parent_code, boundary) values (?, ?, ?, ?, ?, ?)")
			.params(d.code(), d.name(), d.level().name(), d.kind(), d.parentCode(),
					d.boundary() == null ? null : Geometries.toWkb(d.boundary()))
			.update();
	}

}
