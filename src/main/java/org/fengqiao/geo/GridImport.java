package org.fengqiao.geo;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.fengqiao.platform.AuditLog;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Imports basic grids (level 4) and micro-grids (level 5) from GeoJSON.
 *
 * <p>
 * Each feature carries {@code code} (14 digits for a grid, 16 for a micro-grid; level and
 * parent follow from it), {@code name}, and optionally {@code type}, {@code households},
 * {@code population}, {@code chief} and {@code policeGrid} (the police grid code). A grid
 * with an existing code is replaced; nothing is deleted.
 *
 * <p>
 * The file is checked as a whole before anything is written. <em>Errors</em> (unreadable
 * or broken geometry, lat/lon order, unknown codes, points outside the county) can never
 * be imported. <em>Topology findings</em> (overlaps, gaps, slivers, children outside
 * parents, grids not in a police grid) block the import unless an administrator forces
 * it. Either everything is saved in one transaction or nothing is; every attempt is
 * recorded with its report.
 */
@Service
class GridImport {

	/**
	 * One problem found in a file: what, which feature or grid, and whether forcing may
	 * override it.
	 */
	record Finding(String kind, String code, Integer feature, String message, boolean forcible, Double squareMetres) {
	}

	/** The outcome of an import attempt. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "GridImportReport")
	record Report(Long id, String fileName, String status, int features, int saved, List<Finding> findings) {

		boolean applied() {
			return !status.equals("REJECTED");
		}

		long errors() {
			return findings.stream().filter(f -> !f.forcible()).count();
		}
	}

	static final Set<String> TYPES = Set.of("BASIC", "SCHOOL", "HOSPITAL", "ENTERPRISE", "MARKET", "PARK", "ORGAN");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Grids grids;

	private final PoliceGrids policeGrids;

	private final Divisions divisions;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final AuditLog audit;

	private final double toleranceSquareMetres;

	private final double sliverSquareMetres;

	GridImport(Grids grids, PoliceGrids policeGrids, Divisions divisions, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock, AuditLog audit,
			@Value("${fengqiao.geo.topology.tolerance-m2:10}") double toleranceSquareMetres,
			@Value("${fengqiao.geo.topology.sliver-m2:500}") double sliverSquareMetres) {
		this.grids = grids;
		this.policeGrids = policeGrids;
		this.divisions = divisions;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.audit = audit;
		this.toleranceSquareMetres = toleranceSquareMetres;
		this.sliverSquareMetres = sliverSquareMetres;
	}

	/**
	 * Checks a GeoJSON file and saves its grids if it is clean, or if it has only
	 * topology findings and {@code force} is set.
	 * @throws GeoJson.NotGeoJson when the file is not GeoJSON at all
	 */
	@Transactional
	Report importFile(String fileName, InputStream content, boolean force, String user) {
		List<GeoJson.Feature> features = GeoJson.readFeatures(content);
		List<Finding> findings = new ArrayList<>();
		if (features.isEmpty()) {
			findings.add(new Finding("EMPTY", null, null, "The file holds no features", false, null));
		}
		Map<String, Grid> incoming = parse(features, findings);
		if (findings.stream().noneMatch(f -> !f.forcible())) {
			topology(incoming, findings);
		}
		boolean blocked = findings.stream().anyMatch(f -> !f.forcible());
		boolean clean = findings.isEmpty();
		String status = blocked || (!clean && !force) ? "REJECTED" : clean ? "APPLIED" : "FORCED";
		int saved = 0;
		if (!status.equals("REJECTED")) {
			Instant now = clock.instant();
			List<Grid> ordered = new ArrayList<>(incoming.values());
			ordered.sort(Comparator.comparingInt(Grid::level).thenComparing(Grid::code));
			ordered.forEach(g -> grids.save(g, now));
			saved = ordered.size();
			events.publishEvent(new GeographyChanged("grid import " + fileName, saved));
		}
		Report report = new Report(null, fileName, status, features.size(), saved, findings);
		Long id = jdbc.sql("""
				insert into geo_import (file_name, imported_by, imported_at, status, feature_count, report)
				values (?, ?, ?, ?, ?, cast(? as jsonb)) returning id""")
			.params(fileName, user, java.sql.Timestamp.from(clock.instant()), status, features.size(),
					json.writeValueAsString(new StoredReport(saved, findings)))
			.query(Long.class)
			.single();
		audit.change("GEO_IMPORT", "geo_import", String.valueOf(id), status + ": " + fileName + ", " + features.size()
				+ " features, " + saved + " saved, " + findings.size() + " findings");
		return new Report(id, fileName, status, features.size(), saved, findings);
	}

	/** What was saved and found, as stored with an import. */
	record StoredReport(int saved, List<Finding> findings) {
	}

	/** An earlier import attempt, newest first in {@link #recent(int)}. */
	record PastImport(long id, String fileName, String importedBy, java.time.Instant importedAt,
			java.time.LocalDateTime importedAtLocal, String status, int features, StoredReport report) {
	}

	List<PastImport> recent(int limit) {
		return jdbc.sql("""
				select id, file_name, imported_by, imported_at, status, feature_count, report::text as report
				from geo_import order by id desc limit ?""").param(limit).query((rs, n) -> {
			java.time.Instant at = rs.getTimestamp("imported_at").toInstant();
			return new PastImport(rs.getLong("id"), rs.getString("file_name"), rs.getString("imported_by"), at,
					java.time.LocalDateTime.ofInstant(at, clock.getZone()), rs.getString("status"),
					rs.getInt("feature_count"), json.readValue(rs.getString("report"), StoredReport.class));
		}).list();
	}

	// --- reading and validating features
	// ----------------------------------------------------------------------

	private Map<String, Grid> parse(List<GeoJson.Feature> features, List<Finding> findings) {
		Map<String, Grid> existing = grids.findAll().stream().collect(Collectors.toMap(Grid::code, g -> g));
		Set<String> knownPoliceGrids = policeGrids.findAll().stream().map(PoliceGrid::code).collect(Collectors.toSet());
		Geometry county = divisions.findAll()
			.stream()
			.filter(d -> d.level() == Division.Level.COUNTY && d.boundary() != null)
			.map(Division::boundary)
			.findFirst()
			.orElse(null);
		Envelope countyBox = county == null ? null : county.getEnvelopeInternal();
		Map<String, Grid> incoming = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		Set<String> inFile = features.stream()
			.map(f -> text(f.properties().get("code")))
			.filter(c -> c != null)
			.collect(Collectors.toSet());
		for (GeoJson.Feature f : features) {
			String code = text(f.properties().get("code"));
			int index = f.index();
			if (code == null || !code.matches("\\d{14}(\\d{2})?")) {
				findings.add(error("BAD_CODE", code, index,
						"code must be a 14-digit grid code or a 16-digit micro-grid code"));
				continue;
			}
			if (!seen.add(code)) {
				findings.add(error("DUPLICATE_CODE", code, index, "the code appears more than once in the file"));
				continue;
			}
			int level = Grid.levelOfCode(code);
			if (level < Grid.BASIC) {
				findings.add(error("BAD_LEVEL", code, index,
						"only basic grids (level 4) and micro-grids (level 5) can be imported; levels 1-3 follow the divisions"));
				continue;
			}
			String parentCode = Grid.parentCodeOf(code);
			if (!existing.containsKey(parentCode) && !inFile.contains(parentCode)) {
				findings.add(error("UNKNOWN_PARENT", code, index, "parent grid " + parentCode + " does not exist"));
				continue;
			}
			String name = text(f.properties().get("name"));
			if (name == null || name.isBlank() || name.length() > 100) {
				findings.add(error("BAD_NAME", code, index, "name is required (at most 100 characters)"));
				continue;
			}
			String type = text(f.properties().getOrDefault("type", "BASIC"));
			if (!TYPES.contains(type)) {
				findings.add(error("BAD_TYPE", code, index, "type must be one of " + TYPES));
				continue;
			}
			Integer households = count(f.properties().get("households"));
			Integer population = count(f.properties().get("population"));
			if (households == null || population == null) {
				findings.add(error("BAD_COUNT", code, index, "households and population must be whole numbers ≥ 0"));
				continue;
			}
			String policeGrid = text(f.properties().get("policeGrid"));
			if (policeGrid != null && !knownPoliceGrids.contains(policeGrid)) {
				findings
					.add(error("UNKNOWN_POLICE_GRID", code, index, "police grid " + policeGrid + " does not exist"));
				continue;
			}
			Geometry geometry = f.geometry();
			if (geometry == null) {
				findings.add(error("NO_GEOMETRY", code, index, f.problem()));
				continue;
			}
			if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon) || geometry.isEmpty()) {
				findings.add(error("NOT_POLYGON", code, index,
						"geometry must be a Polygon or MultiPolygon, not " + geometry.getGeometryType()));
				continue;
			}
			String coordinates = coordinateProblem(geometry, countyBox);
			if (coordinates != null) {
				findings.add(error("COORDINATES", code, index, coordinates));
				continue;
			}
			IsValidOp validity = new IsValidOp(geometry);
			if (!validity.isValid()) {
				var problem = validity.getValidationError();
				findings.add(error("INVALID_GEOMETRY", code, index,
						problem.getMessage() + " at " + problem.getCoordinate().x + ", " + problem.getCoordinate().y));
				continue;
			}
			if (county != null && !geometry.intersects(county)) {
				findings.add(error("OUTSIDE_COUNTY", code, index, "the grid lies entirely outside the county"));
				continue;
			}
			Grid old = existing.get(code);
			incoming.put(code, new Grid(code, name.strip(), level, parentCode, Grid.divisionCodeOf(code), type,
					households, population, text(f.properties().get("chief")), policeGrid, geometry));
			if (old == null && !divisions.exists(Grid.divisionCodeOf(code))) {
				incoming.remove(code);
				findings.add(error("UNKNOWN_DIVISION", code, index,
						"village/community " + Grid.divisionCodeOf(code) + " does not exist"));
			}
		}
		return incoming;
	}

	/**
	 * Lon/lat in range, and not lat/lon swapped (a common mistake: GeoJSON is lon, lat).
	 */
	private static String coordinateProblem(Geometry geometry, Envelope countyBox) {
		Envelope box = geometry.getEnvelopeInternal();
		boolean inRange = box.getMinX() >= -180 && box.getMaxX() <= 180 && box.getMinY() >= -90 && box.getMaxY() <= 90;
		if (countyBox != null) {
			Envelope swapped = new Envelope(box.getMinY(), box.getMaxY(), box.getMinX(), box.getMaxX());
			if (!box.intersects(countyBox) && swapped.intersects(countyBox)) {
				return "coordinates appear to be in lat, lon order; GeoJSON requires lon, lat";
			}
		}
		if (!inRange) {
			return "coordinates out of range: lon must be in [-180, 180], lat in [-90, 90]";
		}
		for (Coordinate c : geometry.getCoordinates()) {
			if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
				return "coordinates must be finite numbers";
			}
		}
		return null;
	}

	// --- topology
	// --------------------------------------------------------------------------------------------

	private void topology(Map<String, Grid> incoming, List<Finding> findings) {
		if (incoming.isEmpty()) {
			return;
		}
		// The grids as they would be after the import.
		Map<String, Grid> after = grids.findAll()
			.stream()
			.filter(g -> g.level() >= Grid.VILLAGE)
			.collect(Collectors.toMap(Grid::code, g -> g, (a, b) -> a, LinkedHashMap::new));
		after.putAll(incoming);
		Map<String, PoliceGrid> police = policeGrids.findAll()
			.stream()
			.collect(Collectors.toMap(PoliceGrid::code, p -> p));

		// Overlaps between grids of one level.
		for (int level : new int[] { Grid.BASIC, Grid.MICRO }) {
			STRtree tree = new STRtree();
			after.values()
				.stream()
				.filter(g -> g.level() == level)
				.forEach(g -> tree.insert(g.boundary().getEnvelopeInternal(), g));
			for (Grid g : incoming.values()) {
				if (g.level() != level) {
					continue;
				}
				for (Object o : tree.query(g.boundary().getEnvelopeInternal())) {
					Grid other = (Grid) o;
					if (other.code().equals(g.code())
							|| (incoming.containsKey(other.code()) && other.code().compareTo(g.code()) < 0)) {
						continue;
					}
					double overlap = squareMetres(g.boundary().intersection(other.boundary()), g.boundary());
					if (overlap > toleranceSquareMetres) {
						findings.add(topology("OVERLAP", g.code(), "overlaps grid " + other.code(), overlap));
					}
				}
			}
		}

		for (Grid g : incoming.values()) {
			Grid parent = after.get(g.parentCode());
			double outside = squareMetres(g.boundary().difference(parent.boundary()), g.boundary());
			if (outside > toleranceSquareMetres) {
				findings.add(topology("OUTSIDE_PARENT", g.code(), "lies partly outside its parent " + parent.code(),
						outside));
			}
			double area = Geometries.areaSquareMetres(g.boundary());
			double compactness = 4 * Math.PI * g.boundary().getArea() / Math.pow(g.boundary().getLength(), 2);
			if (area < sliverSquareMetres || compactness < 0.02) {
				findings.add(topology("SLIVER", g.code(),
						String.format("a sliver: %.0f m², compactness %.3f", area, compactness), area));
			}
			if (g.policeGridCode() == null) {
				findings.add(topology("NO_POLICE_GRID", g.code(), "not fused into a police grid", null));
			}
			else {
				double split = squareMetres(g.boundary().difference(police.get(g.policeGridCode()).boundary()),
						g.boundary());
				if (split > toleranceSquareMetres) {
					findings.add(topology("SPLIT_POLICE_GRID", g.code(),
							"extends outside its police grid " + g.policeGridCode(), split));
				}
			}
		}

		// Gaps: parts of a parent touched by the import that no child covers.
		Set<String> parents = incoming.values()
			.stream()
			.map(Grid::parentCode)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		Map<String, List<Geometry>> children = new HashMap<>();
		after.values().forEach(g -> {
			if (parents.contains(g.parentCode())) {
				children.computeIfAbsent(g.parentCode(), k -> new ArrayList<>()).add(g.boundary());
			}
		});
		for (String parentCode : parents) {
			Geometry parent = after.get(parentCode).boundary();
			double gap = squareMetres(parent.difference(Geometries.union(children.get(parentCode))), parent);
			if (gap > toleranceSquareMetres) {
				findings
					.add(topology("GAP", parentCode, "children leave part of grid " + parentCode + " uncovered", gap));
			}
		}
	}

	private static double squareMetres(Geometry part, Geometry reference) {
		if (part.isEmpty()) {
			return 0;
		}
		double lat = reference.getEnvelopeInternal().centre().y;
		return Geometries.polygonal(part).getArea() * Geometries.METRES_PER_DEGREE * Geometries.METRES_PER_DEGREE
				* Math.cos(Math.toRadians(lat));
	}

	private static Finding error(String kind, String code, int feature, String message) {
		return new Finding(kind, code, feature, message, false, null);
	}

	private static Finding topology(String kind, String code, String message, Double squareMetres) {
		return new Finding(kind, code, null, message, true,
				squareMetres == null ? null : Math.round(squareMetres * 10) / 10.0);
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Double d && d == Math.rint(d)) {
			return String.valueOf(d.longValue());
		}
		return value.toString().strip();
	}

	private static Integer count(Object value) {
		if (value == null) {
			return 0;
		}
		if (value instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
			return l.intValue();
		}
		try {
			int n = Integer.parseInt(value.toString().strip());
			return n >= 0 ? n : null;
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

}
