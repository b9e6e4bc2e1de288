package org.fengqiao.geo;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Police stations, their police grids and their police rooms. */
@Repository
class PoliceGrids {

	private final JdbcClient jdbc;

	PoliceGrids(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<PoliceStation> findStations() {
		return jdbc.sql("select code, name, division_code, boundary from police_station order by code")
			.query((rs, n) -> new PoliceStation(rs.getString("code"), rs.getString("name"),
					rs.getString("division_code"),
					rs.getBytes("boundary") == null ? null : Geometries.fromWkb(rs.getBytes("boundary"))))
			.list();
	}

	List<PoliceGrid> findAll() {
		return jdbc.sql("select code, name, station_code, boundary from police_grid order by code")
			.query((rs, n) -> new PoliceGrid(rs.getString("code"), rs.getString("name"), rs.getString("station_code"),
					Geometries.fromWkb(rs.getBytes("boundary"))))
			.list();
	}

	List<PoliceRoom> findRooms() {
		return jdbc.sql(
				"select code, name, kind, urban, station_code, police_grid_code, lon, lat from police_room order by code")
			.query((rs, n) -> new PoliceRoom(rs.getString("code"), rs.getString("name"),
					PoliceRoom.Kind.valueOf(rs.getString("kind")), rs.getBoolean("urban"), rs.getString("station_code"),
					rs.getString("police_grid_code"), rs.getDouble("lon"), rs.getDouble("lat")))
			.list();
	}

	void insert(PoliceStation s) {
		jdbc.sql("insert into police_station (code, name, division_code, boundary) values (?, ?, ?, ?)")
			.params(s.code(), s.name(), s.divisionCode(), s.boundary() == null ? null : Geometries.toWkb(s.boundary()))
			.update();
	}

	void insert(PoliceGrid g) {
		jdbc.sql("insert into police_grid (code, name, station_code, boundary) values (?, ?, ?, ?)")
			.params(g.code(), g.name(), g.stationCode(), Geometries.toWkb(g.boundary()))
			.update();
	}

	void insert(PoliceRoom r) {
		jdbc.sql("""
				insert into police_room (code, name, kind, urban, station_code, police_grid_code, lon, lat)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(r.code(), r.name(), r.kind().name(), r.urban(), r.stationCode(), r.policeGridCode(), r.lon(),
					r.lat())
			.update();
	}

}
