package org.fengqiao.geo;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * What other modules may read about the geography, without geometry: divisions, grids, police stations,
 * police grids and police rooms by code. (Where a point lies is {@link GridLocator}'s job.)
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

	private final Divisions divisions;

	private final Grids grids;

	private final PoliceGrids policeGrids;

	GridDirectory(Divisions divisions, Grids grids, PoliceGrids policeGrids) {
		this.divisions = divisions;
		this.grids = grids;
		this.policeGrids = policeGrids;
	}

	public List<DivisionInfo> divisions() {
		return divisions.findAll().stream()
			.map(d -> new DivisionInfo(d.code(), d.name(), d.level().name(), d.kind(), d.parentCode()))
			.toList();
	}

	public List<GridInfo> grids(int level) {
		return grids.findByLevel(level).stream().map(GridDirectory::info).toList();
	}

	public Optional<GridInfo> grid(String code) {
		return grids.findByCode(code).map(GridDirectory::info);
	}

	/** A lon/lat position. */
	public record Position(double lon, double lat) {
	}

	/** A point guaranteed to lie inside the grid (not on its edge), e.g. to place something in it. */
	public Optional<Position> interiorPoint(String code) {
		return grids.findByCode(code).map(g -> g.boundary().getInteriorPoint()).map(p -> new Position(p.getX(), p.getY()));
	}

	public List<PoliceGridInfo> policeGrids() {
		return policeGrids.findAll().stream().map(p -> new PoliceGridInfo(p.code(), p.name(), p.stationCode())).toList();
	}

	public List<PoliceStationInfo> stations() {
		return policeGrids.findStations().stream().map(s -> new PoliceStationInfo(s.code(), s.name(), s.divisionCode()))
			.toList();
	}

	public List<PoliceRoomInfo> policeRooms() {
		return policeGrids.findRooms().stream()
			.map(r -> new PoliceRoomInfo(r.code(), r.name(), r.kind().name(), r.urban(), r.stationCode(),
					r.policeGridCode(), r.lon(), r.lat()))
			.toList();
	}

	private static GridInfo info(Grid g) {
		return new GridInfo(g.code(), g.name(), g.level(), g.parentCode(), g.divisionCode(), g.type(), g.households(),
				g.population(), g.chiefName(), g.policeGridCode());
	}
}
