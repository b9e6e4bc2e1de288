package org.fengqiao.geo;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may read about the geography, without geometry: divisions, grids,
 * police stations, police grids and police rooms by code. (Where a point lies is
 * {@link GridLocator}'s job.)
 */
@Component
public class GridDirectory {

	/** A division: county, township or village/community. */
	public record DivisionInfo(String code, String name, String level, String kind, String parentCode) {
	}

	/** A grid of any level with the police grid it is fused into (levels 4 and 5). */
	public record GridInfo(String code, String name, int level, String parentCode, String divisionCode, String type,
			int households, int population, String chiefName, String policeGridCode) {
	}

	public record PoliceGridInfo(String code, String name, String stationCode) {
	}

	public record PoliceStationInfo(String code, String name, String divisionCode) {
	}

	public record PoliceRoomInfo(String code, String name, String kind, boolean urban, String stationCode,
			String policeGridCode, double lon, double lat) {
	}

	private final Grids grids;

	private final PoliceGrids policeGrids;

	private final JdbcClient jdbc;

	GridDirectory(Grids grids, PoliceGrids policeGrids, JdbcClient jdbc) {
		this.grids = grids;
		this.policeGrids = policeGrids;
		this.jdbc = jdbc;
	}

	// These lookups serve other modules on hot paths (data scopes, routing, imports):
	// they never read geometry.

	public List<DivisionInfo> divisions() {
		return jdbc
			.sql("select code, name, level, kind, parent_code from division where valid_to is null order by code")
			.query((rs, n) -> new DivisionInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	/** One division in force, by code. */
	public Optional<DivisionInfo> division(String code) {
		return jdbc.sql("select code, name, level, kind, parent_code from division where code = ? and valid_to is null")
			.param(code)
			.query((rs, n) -> new DivisionInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.optional();
	}

	public List<GridInfo> grids(int level) {
		return jdbc.sql("select " + GRID_COLUMNS + " from grid where level = ? order by code")
			.param(level)
			.query((rs, n) -> info(rs))
			.list();
	}

	public Optional<GridInfo> grid(String code) {
		return jdbc.sql("select " + GRID_COLUMNS + " from grid where code = ?")
			.param(code)
			.query((rs, n) -> info(rs))
			.optional();
	}

	private static final String GRID_COLUMNS = "code, name, level, parent_code, division_code, type, households, population, "
			+ "chief_name, police_grid_code";

	private static GridInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new GridInfo(rs.getString("code"), rs.getString("name"), rs.getInt("level"), rs.getString("parent_code"),
				rs.getString("division_code"), rs.getString("type"), rs.getInt("households"), rs.getInt("population"),
				rs.getString("chief_name"), rs.getString("police_grid_code"));
	}

	/** A lon/lat position. */
	public record Position(double lon, double lat) {
	}

	/**
	 * A point guaranteed to lie inside the grid (not on its edge), e.g. to place
	 * something in it.
	 */
	public Optional<Position> interiorPoint(String code) {
		return grids.findByCode(code)
			.map(g -> g.boundary().getInteriorPoint())
			.map(p -> new Position(p.getX(), p.getY()));
	}

	public List<PoliceGridInfo> policeGrids() {
		return jdbc.sql("select code, name, station_code from police_grid order by code")
			.query((rs, n) -> new PoliceGridInfo(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public Optional<PoliceGridInfo> policeGrid(String code) {
		return jdbc.sql("select code, name, station_code from police_grid where code = ?")
			.param(code)
			.query((rs, n) -> new PoliceGridInfo(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	public List<PoliceStationInfo> stations() {
		return jdbc.sql("select code, name, division_code from police_station order by code")
			.query((rs, n) -> new PoliceStationInfo(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	public Optional<PoliceStationInfo> station(String code) {
		return jdbc.sql("select code, name, division_code from police_station where code = ?")
			.param(code)
			.query((rs, n) -> new PoliceStationInfo(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	public List<PoliceRoomInfo> policeRooms() {
		return policeGrids.findRooms()
			.stream()
			.map(r -> new PoliceRoomInfo(r.code(), r.name(), r.kind().name(), r.urban(), r.stationCode(),
					r.policeGridCode(), r.lon(), r.lat()))
			.toList();
	}

}
