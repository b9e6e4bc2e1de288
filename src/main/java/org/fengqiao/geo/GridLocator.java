package org.fengqiao.geo;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Finds where a point lies: county, township, village/community, grid, micro-grid, police
 * grid, police station and the nearest police room, from memory, without a database round
 * trip.
 *
 * <p>
 * The whole geography is held in one immutable snapshot that is rebuilt and swapped
 * atomically when the geography changes; readers never see a half-built index. On a
 * boundary shared by two areas a point belongs to the one with the lower code (see
 * {@link PolygonIndex}), so every point has exactly one answer per layer.
 */
@Component
public class GridLocator {

	private static final Logger log = LoggerFactory.getLogger(GridLocator.class);

	private final Divisions divisions;

	private final Grids grids;

	private final PoliceGrids policeGrids;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	GridLocator(Divisions divisions, Grids grids, PoliceGrids policeGrids) {
		this.divisions = divisions;
		this.grids = grids;
		this.policeGrids = policeGrids;
	}

	/**
	 * The chain for a point given in lon/lat degrees, or empty when the point lies
	 * outside the county.
	 * @throws IllegalArgumentException when the coordinates are not finite or out of
	 * range
	 */
	public Optional<Location> locate(double lon, double lat) {
		Coordinates.check(lon, lat);
		return current().locate(lon, lat);
	}

	/** Rebuilds the index from the database and swaps it in. */
	public void rebuild() {
		long start = System.nanoTime();
		Snapshot fresh = new Snapshot(new Geography(divisions.findAll(), grids.findAll(), policeGrids.findStations(),
				policeGrids.findAll(), policeGrids.findRooms()));
		snapshot.set(fresh);
		log.info("Locator rebuilt in {} ms: {} grids, {} police grids", (System.nanoTime() - start) / 1_000_000,
				fresh.grids.size() + fresh.microGrids.size(), fresh.policeGrids.size());
	}

	/**
	 * Warms the index at start-up, unless loading the demo geography has just built it.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		current();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(GeographyChanged event) {
		rebuild();
	}

	private Snapshot current() {
		Snapshot s = snapshot.get();
		if (s == null) {
			synchronized (this) {
				if (snapshot.get() == null) {
					rebuild();
				}
				s = snapshot.get();
			}
		}
		return s;
	}

	/** One layer of areas in code order, with its index. */
	private record Layer<T>(List<T> items, PolygonIndex index) {

		/**
		 * The shared-edge rule lives here: areas are indexed in code order and the index
		 * prefers the first.
		 */
		static <T> Layer<T> of(List<T> items, Function<T, String> code, Function<T, Geometry> boundary) {
			List<T> ordered = items.stream().sorted(java.util.Comparator.comparing(code)).toList();
			return new Layer<>(ordered, new PolygonIndex(ordered.stream().map(boundary).toList()));
		}

		T at(double lon, double lat) {
			int i = index.locate(lon, lat);
			return i < 0 ? null : items.get(i);
		}

		int size() {
			return items.size();
		}
	}

	/** An immutable index of one geography. */
	static final class Snapshot {

		final Layer<Division> counties, townships, villages;

		final Layer<Grid> grids, microGrids;

		final Layer<PoliceGrid> policeGrids;

		final java.util.Map<String, PoliceStation> stations = new java.util.HashMap<>();

		final List<PoliceRoom> rooms;

		Snapshot(Geography g) {
			List<Division> withBoundary = g.divisions().stream().filter(d -> d.boundary() != null).toList();
			counties = Layer.of(ofLevel(withBoundary, Division.Level.COUNTY), Division::code, Division::boundary);
			townships = Layer.of(ofLevel(withBoundary, Division.Level.TOWNSHIP), Division::code, Division::boundary);
			villages = Layer.of(ofLevel(withBoundary, Division.Level.VILLAGE), Division::code, Division::boundary);
			grids = Layer.of(g.grids().stream().filter(x -> x.level() == Grid.BASIC).toList(), Grid::code,
					Grid::boundary);
			microGrids = Layer.of(g.grids().stream().filter(x -> x.level() == Grid.MICRO).toList(), Grid::code,
					Grid::boundary);
			policeGrids = Layer.of(g.policeGrids(), PoliceGrid::code, PoliceGrid::boundary);
			g.stations().forEach(s -> stations.put(s.code(), s));
			rooms = g.policeRooms().stream().filter(r -> r.kind() != PoliceRoom.Kind.CAMPUS_POLICE_ROOM).toList();
		}

		private static List<Division> ofLevel(List<Division> divisions, Division.Level level) {
			return divisions.stream().filter(d -> d.level() == level).toList();
		}

		Optional<Location> locate(double lon, double lat) {
			Division county = counties.at(lon, lat);
			if (county == null) {
				return Optional.empty();
			}
			Division township = townships.at(lon, lat);
			Division village = villages.at(lon, lat);
			Grid grid = grids.at(lon, lat);
			Grid micro = microGrids.at(lon, lat);
			PoliceGrid policeGrid = policeGrids.at(lon, lat);
			PoliceStation station = policeGrid == null ? null : stations.get(policeGrid.stationCode());
			return Optional.of(new Location(lon, lat, area(county), area(township), area(village), ref(grid),
					ref(micro), policeGrid == null ? null : new Location.Area(policeGrid.code(), policeGrid.name()),
					station == null ? null : new Location.Area(station.code(), station.name()), nearestRoom(lon, lat)));
		}

		private Location.NearestPoliceRoom nearestRoom(double lon, double lat) {
			PoliceRoom best = null;
			double bestDistance = Double.MAX_VALUE;
			for (PoliceRoom room : rooms) {
				double d = Geometries.distanceMetres(lon, lat, room.lon(), room.lat());
				if (d < bestDistance) {
					bestDistance = d;
					best = room;
				}
			}
			return best == null ? null : new Location.NearestPoliceRoom(best.code(), best.name(), best.kind().name(),
					best.lon(), best.lat(), Math.round(bestDistance));
		}

		private static Location.Area area(Division d) {
			return d == null ? null : new Location.Area(d.code(), d.name());
		}

		private static Location.GridRef ref(Grid g) {
			return g == null ? null : new Location.GridRef(g.code(), g.name(), g.level());
		}

	}

}
