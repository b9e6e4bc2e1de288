package org.fengqiao.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.commons.io.input.BoundedInputStream;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.Problems;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The geography REST API: locate a point, read grids, export layers, import grids. */
@RestController
class GeoApi {

	static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

	private final GridLocator locator;

	private final Grids grids;

	private final Divisions divisions;

	private final PoliceGrids policeGrids;

	private final GridImport gridImport;

	private final GridDirectory directory;

	private final long maxImportBytes;

	GeoApi(GridLocator locator, Grids grids, Divisions divisions, PoliceGrids policeGrids, GridImport gridImport,
			GridDirectory directory, @Value("${fengqiao.geo.import.max-bytes:33554432}") long maxImportBytes) {
		this.directory = directory;
		this.locator = locator;
		this.grids = grids;
		this.divisions = divisions;
		this.policeGrids = policeGrids;
		this.gridImport = gridImport;
		this.maxImportBytes = maxImportBytes;
	}

	@GetMapping("/api/v1/locate")
	Location locate(@RequestParam double lon, @RequestParam double lat) {
		try {
			return locator.locate(lon, lat)
				.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "not-covered", "Not covered",
						"The point " + lon + ", " + lat + " lies outside the area this platform covers",
						Map.of("lon", lon, "lat", lat)));
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("bad-coordinates", e.getMessage());
		}
	}

	/** A grid with its chain of parents (nearest first) and its police grid. */
	record GridDetail(String code, String name, int level, String type, String chief, int households, int population,
			String divisionCode, List<ParentGrid> parents, @Schema(nullable = true) GridPoliceGrid policeGrid) {
	}

	record ParentGrid(String code, String name, int level) {
	}

	record GridPoliceGrid(String code, String name, @Schema(description = "The police station's name") String station) {
	}

	@GetMapping("/api/v1/geo/grids/{code}")
	GridDetail grid(@PathVariable String code) {
		if (!code.matches("\\d{14}(\\d{2,3})?")) {
			throw DomainException.invalid("bad-grid-code", "A grid code has 14 digits (16 or 17 for a micro-grid)");
		}
		List<Grid> chain = grids.chainOf(code);
		if (chain.isEmpty()) {
			throw DomainException.notFound("grid-not-found", "No grid has the code " + code);
		}
		Grid grid = chain.get(0);
		List<ParentGrid> parents = chain.subList(1, chain.size())
			.stream()
			.map((parent) -> new ParentGrid(parent.code(), parent.name(), parent.level()))
			.toList();
		GridPoliceGrid police = (grid.policeGridCode() == null) ? null
				: directory.policeGrid(grid.policeGridCode())
					.map((p) -> new GridPoliceGrid(p.code(), p.name(),
							directory.station(p.stationCode()).map(GridDirectory.PoliceStationInfo::name).orElse(null)))
					.orElse(null);
		return new GridDetail(grid.code(), grid.name(), grid.level(), grid.type(), grid.chiefName(), grid.households(),
				grid.population(), grid.divisionCode(), parents, police);
	}

	// The properties of each layer's features, in this order.

	record DivisionFeature(String code, String name, String kind, String parentCode) {
	}

	record GridFeature(String code, String name, int level, String type, String parentCode, int households,
			int population, String chief, String policeGrid) {
	}

	record NamedFeature(String code, String name) {
	}

	record PoliceGridFeature(String code, String name, String station) {
	}

	record PoliceRoomFeature(String code, String name, String kind, boolean urban, String station, String policeGrid) {
	}

	/**
	 * A layer as a GeoJSON FeatureCollection: county, townships, villages, grids (with
	 * {@code level} 1-5), police-stations, police-grids, police-rooms.
	 */
	@GetMapping("/api/v1/geo/layers/{layer}")
	@ApiResponse(responseCode = "200", description = "The layer",
			content = @Content(mediaType = "application/geo+json", schema = @Schema(type = "object",
					description = "A GeoJSON FeatureCollection (RFC 7946), coordinates in WGS 84; each feature's"
							+ " properties hold the item's code, name and the layer's attributes")))
	void layer(@PathVariable String layer, @RequestParam(defaultValue = "4") int level,
			@RequestParam(defaultValue = "false") boolean download, HttpServletResponse response) throws IOException {
		List<Object> properties = new ArrayList<>();
		List<Geometry> geometries = new ArrayList<>();
		switch (layer) {
			case "county", "townships", "villages" -> {
				Division.Level wanted = switch (layer) {
					case "county" -> Division.Level.COUNTY;
					case "townships" -> Division.Level.TOWNSHIP;
					default -> Division.Level.VILLAGE;
				};
				for (Division d : divisions.findAll()) {
					if (d.level() == wanted && d.boundary() != null) {
						properties.add(new DivisionFeature(d.code(), d.name(), d.kind(), d.parentCode()));
						geometries.add(d.boundary());
					}
				}
			}
			case "grids" -> {
				if (level < 1 || level > 5) {
					throw DomainException.invalid("bad-level", "level must be 1 to 5");
				}
				for (Grid g : grids.findByLevel(level)) {
					properties.add(new GridFeature(g.code(), g.name(), g.level(), g.type(), g.parentCode(),
							g.households(), g.population(), g.chiefName(), g.policeGridCode()));
					geometries.add(g.boundary());
				}
			}
			case "police-stations" ->
				policeGrids.findStations().stream().filter(s -> s.boundary() != null).forEach(s -> {
					properties.add(new NamedFeature(s.code(), s.name()));
					geometries.add(s.boundary());
				});
			case "police-grids" -> policeGrids.findAll().forEach(p -> {
				properties.add(new PoliceGridFeature(p.code(), p.name(), p.stationCode()));
				geometries.add(p.boundary());
			});
			case "police-rooms" -> policeGrids.findRooms().forEach(r -> {
				properties.add(new PoliceRoomFeature(r.code(), r.name(), r.kind().name(), r.urban(), r.stationCode(),
						r.policeGridCode()));
				geometries.add(Geometries.point(r.lon(), r.lat()));
			});
			default -> throw DomainException.notFound("unknown-layer", "No layer named " + layer
					+ "; layers: county, townships, villages, grids, police-stations, police-grids, police-rooms");
		}
		response.setContentType(GEO_JSON.toString());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (download) {
			String name = layer.equals("grids") ? "grids-level-" + level : layer;
			response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".geojson\"");
		}
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		GeoJson.writeFeatureCollection(out, properties, geometries);
		out.flush();
	}

	/**
	 * The county's outline, public so residents can place a report on a map without an
	 * account. Only this one shape is public: grids, police grids and everything else in
	 * the geography stay behind sign-in.
	 */
	@GetMapping("/api/v1/public/county-outline")
	@ApiResponse(responseCode = "200", description = "The county's outline",
			content = @Content(mediaType = "application/geo+json", schema = @Schema(type = "object",
					description = "A GeoJSON FeatureCollection (RFC 7946) of the county's boundary, properties code and name")))
	void countyOutline(HttpServletResponse response) throws IOException {
		List<Object> properties = new ArrayList<>();
		List<Geometry> geometries = new ArrayList<>();
		for (Division d : divisions.findAll()) {
			if (d.level() == Division.Level.COUNTY && d.boundary() != null) {
				properties.add(new NamedFeature(d.code(), d.name()));
				geometries.add(d.boundary());
			}
		}
		response.setContentType(GEO_JSON.toString());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "public, max-age=3600");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		GeoJson.writeFeatureCollection(out, properties, geometries);
		out.flush();
	}

	/** Imports grids from a GeoJSON file (multipart field {@code file}). */
	@PostMapping(path = "/api/v1/geo/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<GridImport.Report> importFile(@RequestParam MultipartFile file,
			@RequestParam(defaultValue = "false") boolean force, Principal user) throws IOException {
		if (file.getSize() > maxImportBytes) {
			throw tooLarge();
		}
		return respond(run(file.getOriginalFilename(), file.getInputStream(), force, user));
	}

	/** Imports grids from a GeoJSON request body. */
	@PostMapping(path = "/api/v1/geo/imports", consumes = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<GridImport.Report> importBody(InputStream body, @RequestParam(defaultValue = "false") boolean force,
			@RequestParam(defaultValue = "request body") String fileName, Principal user) {
		return respond(run(fileName, bounded(body, maxImportBytes, this::tooLarge), force, user));
	}

	/**
	 * The body, read up to {@code limit} bytes; reading past them throws the given
	 * refusal (a body of exactly the limit is accepted: the stream stops after one byte
	 * more, which proves the body too large).
	 */
	static InputStream bounded(InputStream body, long limit, Supplier<? extends RuntimeException> tooLarge) {
		try {
			return BoundedInputStream.builder()
				.setInputStream(body)
				.setMaxCount(limit + 1)
				.setPropagateClose(true)
				.setOnMaxCount((max, count) -> {
					throw tooLarge.get();
				})
				.get();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	GridImport.Report run(String fileName, InputStream content, boolean force, Principal user) {
		try {
			return gridImport.importFile(fileName == null ? "upload" : fileName, content, force, user.getName());
		}
		catch (GeoJson.NotGeoJson e) {
			// Kept here for its title, which clients read.
			throw Problems.of(HttpStatus.BAD_REQUEST, e.type(), "Not GeoJSON", e.getMessage());
		}
	}

	private DomainException tooLarge() {
		return new DomainException(DomainException.Kind.TOO_LARGE, "import-too-large",
				"An import file may hold at most " + maxImportBytes / (1024 * 1024) + " MB; split it by township");
	}

	/**
	 * 201 with the report when saved; 422 problem details carrying the report when
	 * nothing was saved.
	 */
	private static ResponseEntity<GridImport.Report> respond(GridImport.Report report) {
		if (!report.applied()) {
			long errors = report.errors();
			long findings = report.findings().size() - errors;
			throw Problems
				.of(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected", "Import rejected",
						"Nothing was saved: " + errors + " error(s) and " + findings + " topology finding(s)"
								+ (errors == 0 ? "; an administrator may force the import" : ""),
						Map.of("report", report));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(report);
	}

	@GetMapping("/api/v1/geo/imports")
	List<GridImport.PastImport> imports() {
		return gridImport.recent(50);
	}

}
