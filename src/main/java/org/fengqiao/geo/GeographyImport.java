package org.fengqiao.geo;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a whole county's geography at once (divisions, police stations, police grids,
 * police rooms and grids on all five levels), for example from a county's survey or the
 * demo generator. The records mirror what the module stores; boundaries are lon/lat
 * degrees in the module's reference system ({@link CountyGeometry}).
 */
@Component
public class GeographyImport {

	/** An administrative division as imported. */
	public record Division(String code, String name, Level level, String kind, String parentCode, Geometry boundary) {

		public enum Level {

			COUNTY, TOWNSHIP, VILLAGE, GROUP

		}

		/**
		 * The kind a statistical code implies (COUNTY, SUBDISTRICT, TOWN, TOWNSHIP,
		 * COMMUNITY, VILLAGE, GROUP).
		 */
		public static String kindOf(String code) {
			return org.fengqiao.geo.Division.kindOf(code);
		}

	}

	/** A grid as imported; {@code level} is one of the constants 1 to 5. */
	public record Grid(String code, String name, int level, String parentCode, String divisionCode, String type,
			int households, int population, String chiefName, String policeGridCode, Geometry boundary) {

		public static final int COUNTY = 1, TOWNSHIP = 2, VILLAGE = 3, BASIC = 4, MICRO = 5;

		/** The code of the grid that is the whole division. */
		public static String codeOfDivision(String divisionCode) {
			return org.fengqiao.geo.Grid.codeOfDivision(divisionCode);
		}

		/** The level a grid code implies. */
		public static int levelOfCode(String code) {
			return org.fengqiao.geo.Grid.levelOfCode(code);
		}

		/** The code of the parent grid a grid code implies. */
		public static String parentCodeOf(String code) {
			return org.fengqiao.geo.Grid.parentCodeOf(code);
		}

	}

	/** A police station as imported, with its area. */
	public record PoliceStation(String code, String name, String divisionCode, Geometry boundary) {
	}

	/** A police grid as imported. */
	public record PoliceGrid(String code, String name, String stationCode, Geometry boundary) {
	}

	/** A police room, workstation or campus police room as imported. */
	public record PoliceRoom(String code, String name, Kind kind, boolean urban, String stationCode,
			String policeGridCode, double lon, double lat) {

		public enum Kind {

			POLICE_ROOM, WORKSTATION, CAMPUS_POLICE_ROOM

		}

	}

	/** A whole county's geography. */
	public record Geography(List<Division> divisions, List<Grid> grids, List<PoliceStation> stations,
			List<PoliceGrid> policeGrids, List<PoliceRoom> policeRooms) {
	}

	private final Divisions divisions;

	private final Grids grids;

	private final PoliceGrids policeGrids;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GeographyImport(Divisions divisions, Grids grids, PoliceGrids policeGrids, ApplicationEventPublisher events,
			Clock clock) {
		this.divisions = divisions;
		this.grids = grids;
		this.policeGrids = policeGrids;
		this.events = events;
		this.clock = clock;
	}

	/** Whether the division is stored already. */
	public boolean hasDivision(String code) {
		return divisions.exists(code);
	}

	/**
	 * Stores the geography, parents before children (divisions in the given order, grids
	 * sorted by level), and tells the other modules it changed.
	 * @param reason why, as the {@link GeographyChanged} event tells it
	 */
	@Transactional
	public void load(Geography geography, String reason) {
		geography.divisions()
			.forEach(d -> divisions.insert(new org.fengqiao.geo.Division(d.code(), d.name(),
					org.fengqiao.geo.Division.Level.valueOf(d.level().name()), d.kind(), d.parentCode(),
					d.boundary())));
		geography.stations()
			.forEach(s -> policeGrids
				.insert(new org.fengqiao.geo.PoliceStation(s.code(), s.name(), s.divisionCode(), s.boundary())));
		geography.policeGrids()
			.forEach(g -> policeGrids
				.insert(new org.fengqiao.geo.PoliceGrid(g.code(), g.name(), g.stationCode(), g.boundary())));
		geography.policeRooms()
			.forEach(r -> policeGrids.insert(new org.fengqiao.geo.PoliceRoom(r.code(), r.name(),
					org.fengqiao.geo.PoliceRoom.Kind.valueOf(r.kind().name()), r.urban(), r.stationCode(),
					r.policeGridCode(), r.lon(), r.lat())));
		var now = clock.instant();
		geography.grids()
			.stream()
			.sorted(Comparator.comparingInt(Grid::level))
			.forEach(g -> grids.save(
					new org.fengqiao.geo.Grid(g.code(), g.name(), g.level(), g.parentCode(), g.divisionCode(), g.type(),
							g.households(), g.population(), g.chiefName(), g.policeGridCode(), g.boundary()),
					now));
		events.publishEvent(new GeographyChanged(reason, geography.grids().size()));
	}

}
