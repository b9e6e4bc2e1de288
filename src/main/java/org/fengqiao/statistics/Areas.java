package org.fengqiao.statistics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Component;

/**
 * Finds the area a code names, through geo's directory: a division (county, township,
 * village or community), a police station, a grid or a police grid.
 */
@Component
public class Areas {

	/** No area has this code. */
	static final class UnknownArea extends DomainException {

		UnknownArea(String code) {
			super(Kind.INVALID, "unknown-area",
					"area " + code + " is not a division, grid, police station or police grid of this county; "
							+ "give a code such as the county's, a township's (9 digits), a village's (12), a grid's, "
							+ "a station's or a police grid's",
					Map.of("area", code));
		}

	}

	private final GridDirectory directory;

	Areas(GridDirectory directory) {
		this.directory = directory;
	}

	/** The area of a code, or a 400 naming the valid kinds. */
	public Area resolve(String code) {
		if (code == null || code.isBlank() || code.length() > 20 || !code.chars().allMatch(Character::isDigit)) {
			throw new UnknownArea(code == null ? "" : code.length() > 20 ? code.substring(0, 20) : code);
		}
		return find(code).orElseThrow(() -> new UnknownArea(code));
	}

	Optional<Area> find(String code) {
		Optional<GridDirectory.DivisionInfo> division = directory.division(code);
		if (division.isPresent()) {
			GridDirectory.DivisionInfo d = division.get();
			Area.Kind kind = switch (d.level()) {
				case "COUNTY" -> Area.Kind.COUNTY;
				case "TOWNSHIP" -> Area.Kind.TOWNSHIP;
				default -> Area.Kind.VILLAGE;
			};
			return Optional.of(new Area(code, d.name(), kind, code, Set.of()));
		}
		Optional<GridDirectory.PoliceStationInfo> station = directory.station(code);
		if (station.isPresent()) {
			Set<String> grids = directory.policeGrids()
				.stream()
				.filter(g -> code.equals(g.stationCode()))
				.map(GridDirectory.PoliceGridInfo::code)
				.collect(Collectors.toUnmodifiableSet());
			return Optional.of(new Area(code, station.get().name(), Area.Kind.STATION, null, grids));
		}
		Optional<GridDirectory.GridInfo> grid = directory.grid(code);
		if (grid.isPresent()) {
			return Optional.of(new Area(code, grid.get().name(), Area.Kind.GRID, code, Set.of()));
		}
		return directory.policeGrid(code)
			.map(g -> new Area(code, g.name(), Area.Kind.POLICE_GRID, null, Set.of(g.code())));
	}

	/** The county's division (the root of the figures). */
	public Area county() {
		return directory.divisions()
			.stream()
			.filter(d -> "COUNTY".equals(d.level()))
			.findFirst()
			.map(d -> new Area(d.code(), d.name(), Area.Kind.COUNTY, d.code(), Set.of()))
			.orElseThrow(
					() -> new DomainException(DomainException.Kind.NOT_FOUND, "no-county", "No county is loaded yet"));
	}

	/** Names of divisions, grids, stations and police grids by code, for breakdowns. */
	Map<String, String> names(Area.Kind kind) {
		return switch (kind) {
			case COUNTY, TOWNSHIP,
					VILLAGE ->
				directory.divisions()
					.stream()
					.collect(Collectors.toMap(GridDirectory.DivisionInfo::code, GridDirectory.DivisionInfo::name,
							(a, b) -> a));
			case STATION -> directory.stations()
				.stream()
				.collect(
						Collectors.toMap(GridDirectory.PoliceStationInfo::code, GridDirectory.PoliceStationInfo::name));
			case POLICE_GRID -> directory.policeGrids()
				.stream()
				.collect(Collectors.toMap(GridDirectory.PoliceGridInfo::code, GridDirectory.PoliceGridInfo::name));
			case GRID -> gridNames();
		};
	}

	private Map<String, String> gridNames() {
		Map<String, String> names = new java.util.HashMap<>();
		for (int level = 1; level <= 5; level++) {
			for (GridDirectory.GridInfo g : directory.grids(level)) {
				names.put(g.code(), g.name());
			}
		}
		return names;
	}

	/** The station of each police grid. */
	Map<String, String> stationOfPoliceGrid() {
		return directory.policeGrids()
			.stream()
			.collect(Collectors.toMap(GridDirectory.PoliceGridInfo::code, GridDirectory.PoliceGridInfo::stationCode));
	}

	/** The police grid a grid is fused into, if any. */
	Optional<String> policeGridOf(String gridCode) {
		return gridCode == null ? Optional.empty()
				: directory.grid(gridCode).map(GridDirectory.GridInfo::policeGridCode);
	}

	/** The police grid each grid is fused into (grids without one left out). */
	Map<String, String> policeGridOfGrids() {
		Map<String, String> map = new java.util.HashMap<>();
		for (int level = 1; level <= 5; level++) {
			for (GridDirectory.GridInfo g : directory.grids(level)) {
				if (g.policeGridCode() != null) {
					map.put(g.code(), g.policeGridCode());
				}
			}
		}
		return map;
	}

	static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
		return items.stream().collect(Collectors.toMap(key, Function.identity()));
	}

}
