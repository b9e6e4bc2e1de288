package org.fengqiao.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the dashboard needs besides the indicators themselves: the areas a caller may pick
 * (children of an area within the caller's data scope, for the drill-down) and the
 * dashboard's tables as Excel workbooks.
 */
@RestController
@Tag(name = "indicators", description = "Statistics: indicator definitions, values and breakdowns")
class StatisticsApi {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	/** An area one may pick. */
	@Schema(name = "StatisticsArea")
	record AreaChoice(String code, String name,
			@Schema(description = "county|township|village|grid|station|police-grid") String kind) {

		static AreaChoice of(Area a) {
			return new AreaChoice(a.code(), a.name(), a.kind().word());
		}

	}

	/** An area with the way up to the caller's top and the areas one level down. */
	@Schema(name = "StatisticsAreaChoices")
	record AreaChoices(@Schema(description = "the area asked for; null for the caller's top areas") AreaChoice area,
			@Schema(description = "the areas above it the caller may see, from the top") List<AreaChoice> chain,
			@Schema(description = "the areas one level down within the caller's scope") List<AreaChoice> children,
			@Schema(description = "the breakdown (by) whose keys are the children's divisions or grids, for the map: "
					+ "township, village, grid, police-grid; null when there is none") String childBreakdown) {
	}

	private final Indicators indicators;

	private final Areas areas;

	private final GridDirectory directory;

	private final DataScopes scopes;

	private final MessageSource messages;

	StatisticsApi(Indicators indicators, Areas areas, GridDirectory directory, DataScopes scopes,
			MessageSource messages) {
		this.indicators = indicators;
		this.areas = areas;
		this.directory = directory;
		this.scopes = scopes;
		this.messages = messages;
	}

	@GetMapping("/api/v1/indicators/areas")
	@Operation(summary = "The areas the caller may pick: the top ones, or an area's chain and children")
	AreaChoices areas(@Parameter(description = "an area code; the caller's top areas when absent",
			example = "610824") @RequestParam(required = false) String parent) {
		DataScope scope = scopes.current();
		if (parent == null || parent.isBlank()) {
			return new AreaChoices(null, List.of(), roots(scope).stream().map(AreaChoice::of).toList(), null);
		}
		Area area = areas.resolve(parent.strip());
		if (!area.within(scope)) {
			throw new DomainException(DomainException.Kind.NOT_ALLOWED, "area-out-of-scope",
					"area " + area.code() + " is outside your data scope", Map.of("area", area.code()));
		}
		List<AreaChoice> chain = new ArrayList<>();
		for (String code = parentOf(area); code != null; code = parentOf(areas.resolve(code))) {
			Area up = areas.resolve(code);
			if (!up.within(scope)) {
				break;
			}
			chain.add(0, AreaChoice.of(up));
		}
		List<Area> children = children(area).stream().filter(a -> a.within(scope)).toList();
		String by = switch (area.kind()) {
			case COUNTY -> By.TOWNSHIP.word();
			case TOWNSHIP -> By.VILLAGE.word();
			case VILLAGE -> By.GRID.word();
			case STATION -> By.POLICE_GRID.word();
			default -> null;
		};
		return new AreaChoices(AreaChoice.of(area), chain, children.stream().map(AreaChoice::of).toList(), by);
	}

	@GetMapping("/api/v1/indicators/breakdown.xlsx")
	@Operation(summary = "A breakdown as an Excel workbook")
	@ApiResponse(responseCode = "200",
			description = "Row 1 the title, row 2 the headers: key, name, value, numerator, denominator, previous year, year on year",
			content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> breakdownWorkbook(@RequestParam String code, @RequestParam(required = false) String area,
			@RequestParam String period,
			@Parameter(
					description = "township|village|grid|station|police-grid|category|grade|type|source|month") @RequestParam String by)
			throws IOException {
		Indicators.Breakdown breakdown = indicators.breakdown(code, area, period, by, scopes.current());
		Locale locale = LocaleContextHolder.getLocale();
		Indicator indicator = indicators.definition(breakdown.code()).orElseThrow();
		String title = name(indicator, locale) + " · " + breakdown.areaName() + " · " + breakdown.period() + " · "
				+ message("statistics.by." + breakdown.by(), locale);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StatisticsWorkbook.breakdown(breakdown, title, headers(StatisticsWorkbook.BREAKDOWN_COLUMNS, locale), out);
		return workbook(out, breakdown.code() + "-" + breakdown.area() + "-" + breakdown.period() + "-by-"
				+ breakdown.by() + ".xlsx");
	}

	@GetMapping("/api/v1/indicators/values.xlsx")
	@Operation(summary = "Indicator values of an area and period as an Excel workbook")
	@ApiResponse(responseCode = "200",
			description = "Row 1 the title, row 2 the headers: code, name, unit, value, numerator, denominator, "
					+ "previous year, year on year, previous period, period on period",
			content = @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @Schema(type = "string", format = "binary")))
	ResponseEntity<byte[]> valuesWorkbook(
			@Parameter(description = "an area code; the county when absent",
					example = "610824") @RequestParam(required = false) String area,
			@Parameter(description = "2025, 2025-Q3, 2025-07, 2025-W27, 2025-07-15 or 2025-01..2025-11",
					example = "2025") @RequestParam String period,
			@Parameter(description = "comma-separated indicator codes; all when absent") @RequestParam(
					required = false) String codes)
			throws IOException {
		Indicators.Values values = indicators.values(area, period, IndicatorApi.split(codes), scopes.current());
		Locale locale = LocaleContextHolder.getLocale();
		String title = values.areaName() + " · " + values.period() + " · "
				+ message("statistics.export.comparedWith", locale) + " " + values.previousYearPeriod();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StatisticsWorkbook.values(values, indicators.definitions(), chinese(locale), title,
				headers(StatisticsWorkbook.VALUES_COLUMNS, locale), out);
		return workbook(out, "indicators-" + values.area() + "-" + values.period() + ".xlsx");
	}

	private static ResponseEntity<byte[]> workbook(ByteArrayOutputStream out, String fileName) {
		return ResponseEntity.ok()
			.contentType(XLSX)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(fileName.replace("..", "-to-"), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.body(out.toByteArray());
	}

	private List<String> headers(List<String> columns, Locale locale) {
		return columns.stream().map(c -> message("statistics.col." + c, locale)).toList();
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private static boolean chinese(Locale locale) {
		return !"en".equals(locale.getLanguage());
	}

	private static String name(Indicator indicator, Locale locale) {
		return chinese(locale) ? indicator.nameZh() : indicator.nameEn();
	}

	/** The areas at the top of a scope: the county, or the scope's own areas. */
	private List<Area> roots(DataScope scope) {
		if (scope.all()) {
			return List.of(areas.county());
		}
		List<Area> roots = new ArrayList<>();
		Set<String> policeGrids = scope.policeGrids();
		Map<String, List<GridDirectory.PoliceGridInfo>> byStation = directory.policeGrids()
			.stream()
			.collect(Collectors.groupingBy(GridDirectory.PoliceGridInfo::stationCode, LinkedHashMap::new,
					Collectors.toList()));
		byStation.forEach((station, grids) -> {
			List<GridDirectory.PoliceGridInfo> mine = grids.stream()
				.filter(g -> policeGrids.contains(g.code()))
				.toList();
			if (!mine.isEmpty() && mine.size() == grids.size()) {
				areas.find(station).ifPresent(roots::add);
			}
			else {
				mine.forEach(g -> areas.find(g.code()).ifPresent(roots::add));
			}
		});
		Map<String, String> fused = areas.policeGridOfGrids();
		for (String prefix : scope.areaPrefixes()) {
			String fusedInto = fused.get(prefix);
			if (prefix.isEmpty() || (fusedInto != null && policeGrids.contains(fusedInto))) {
				continue;
			}
			areas.find(prefix).filter(a -> a.within(scope)).ifPresent(roots::add);
		}
		return roots;
	}

	/** The division or grid above an area, or null. */
	private String parentOf(Area area) {
		return switch (area.kind()) {
			case TOWNSHIP, VILLAGE ->
				directory.division(area.code()).map(GridDirectory.DivisionInfo::parentCode).orElse(null);
			case GRID -> directory.grid(area.code()).map(GridDirectory.GridInfo::divisionCode).orElse(null);
			case STATION -> areas.county().code();
			case POLICE_GRID ->
				directory.policeGrid(area.code()).map(GridDirectory.PoliceGridInfo::stationCode).orElse(null);
			case COUNTY -> null;
		};
	}

	/** The areas one level down. */
	private List<Area> children(Area area) {
		List<String> codes = switch (area.kind()) {
			case COUNTY -> {
				List<String> c = new ArrayList<>(directory.divisions()
					.stream()
					.filter(d -> "TOWNSHIP".equals(d.level()) && area.code().equals(d.parentCode()))
					.map(GridDirectory.DivisionInfo::code)
					.toList());
				directory.stations().forEach(s -> c.add(s.code()));
				yield c;
			}
			case TOWNSHIP -> directory.divisions()
				.stream()
				.filter(d -> area.code().equals(d.parentCode()))
				.map(GridDirectory.DivisionInfo::code)
				.toList();
			case VILLAGE -> directory.grids(4)
				.stream()
				.filter(g -> area.code().equals(g.divisionCode()))
				.map(GridDirectory.GridInfo::code)
				.toList();
			case STATION -> area.policeGrids().stream().sorted().toList();
			default -> List.of();
		};
		List<Area> children = new ArrayList<>();
		for (String code : codes) {
			areas.find(code).ifPresent(children::add);
		}
		children.sort(Comparator.comparing((Area a) -> a.kind().ordinal()).thenComparing(Area::code));
		return children;
	}

}
