package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The indicator engine: every indicator of every {@link IndicatorSource}, its value for
 * an area and a period within the caller's data scope, the same period a year earlier
 * (同比) and the preceding period (环比), and breakdowns for tables and charts.
 */
@Component
public class Indicators {

	/** One indicator's value on a slice, with its year-on-year and period-on-period. */
	@Schema(name = "IndicatorValue")
	public record Value(String code, @Schema(description = "null when there is nothing to divide by") BigDecimal value,
			BigDecimal numerator, BigDecimal denominator,
			@Schema(description = "the value of the same period a year earlier (同比)") BigDecimal previousYear,
			@Schema(description = "change against a year earlier as a fraction (0.128 is +12.8 %); null on a zero or missing base") BigDecimal yearOnYear,
			@Schema(description = "the value of the preceding period (环比)") BigDecimal previousPeriod,
			@Schema(description = "change against the preceding period as a fraction; null on a zero or missing base") BigDecimal periodOnPeriod) {
	}

	/** The values of an area and period. */
	@Schema(name = "IndicatorValues")
	public record Values(String area, String areaName,
			@Schema(description = "county|township|village|grid|station|police-grid") String areaKind, String period,
			@Schema(description = "first day") LocalDate from,
			@Schema(description = "the day after the last") LocalDate to,
			@Schema(description = "the same period a year earlier") String previousYearPeriod,
			@Schema(description = "the preceding period") String previousPeriod, List<Value> values) {

		/** The value of one indicator. */
		public Optional<Value> value(String code) {
			return values.stream().filter(v -> v.code().equals(code)).findFirst();
		}

	}

	/** One row of a breakdown. */
	@Schema(name = "IndicatorBreakdownRow")
	public record Row(@Schema(description = "a code, category, grade or YYYY-MM") String key, String name,
			BigDecimal value, BigDecimal numerator, BigDecimal denominator, BigDecimal previousYear,
			BigDecimal yearOnYear) {
	}

	/** An indicator broken down. */
	@Schema(name = "IndicatorBreakdown")
	public record Breakdown(String code, String area, String areaName, String period, String by, List<Row> rows) {
	}

	private final List<IndicatorSource> sources;

	private final Areas areas;

	private final Clock clock;

	private final Map<String, Indicator> definitions = new LinkedHashMap<>();

	private final Map<String, IndicatorSource> sourceOf = new LinkedHashMap<>();

	private final List<BreakdownNames> names;

	Indicators(List<IndicatorSource> sources, Areas areas, Clock clock, List<BreakdownNames> names) {
		this.sources = sources;
		this.areas = areas;
		this.clock = clock;
		for (IndicatorSource source : sources) {
			for (Indicator i : source.indicators()) {
				if (definitions.put(i.code(), i) != null) {
					throw new IllegalStateException("Indicator " + i.code() + " is defined twice");
				}
				sourceOf.put(i.code(), source);
			}
		}
		this.names = names;
	}

	/** Every indicator, in the order of their sources. */
	public List<Indicator> definitions() {
		return List.copyOf(definitions.values());
	}

	public Optional<Indicator> definition(String code) {
		return Optional.ofNullable(definitions.get(code));
	}

	/**
	 * The values of some indicators (all when {@code codes} is empty) for an area and
	 * period, within a data scope.
	 */
	@Transactional(readOnly = true)
	public Values values(String areaCode, String periodText, List<String> codes, DataScope scope) {
		Slice slice = slice(areaCode, periodText, scope);
		Set<String> wanted = codes(codes);
		Period previousYear = slice.period().previousYear();
		Period previous = slice.period().previous();
		Map<String, Measure> now = measure(slice, wanted);
		Set<String> periodic = new LinkedHashSet<>(wanted);
		periodic.removeIf(code -> definitions.get(code).snapshot());
		Map<String, Measure> yearAgo = measure(slice.in(previousYear), periodic);
		Map<String, Measure> before = measure(slice.in(previous), periodic);
		List<Value> values = new ArrayList<>();
		for (String code : wanted) {
			Indicator indicator = definitions.get(code);
			Measure m = now.getOrDefault(code, Measure.NONE);
			BigDecimal py = indicator.snapshot() ? null : yearAgo.getOrDefault(code, Measure.NONE).value();
			BigDecimal pp = indicator.snapshot() ? null : before.getOrDefault(code, Measure.NONE).value();
			values.add(new Value(code, m.value(), m.numerator(), m.denominator(), py, Measure.change(m.value(), py), pp,
					Measure.change(m.value(), pp)));
		}
		Area a = slice.area();
		return new Values(a.code(), a.name(), a.kind().word(), slice.period().label(), slice.period().from(),
				slice.period().to(), previousYear.label(), previous.label(), values);
	}

	/** One indicator broken down, for tables and charts. */
	@Transactional(readOnly = true)
	public Breakdown breakdown(String code, String areaCode, String periodText, String byWord, DataScope scope) {
		Slice slice = slice(areaCode, periodText, scope);
		Indicator indicator = codes(List.of(code)).stream().map(definitions::get).findFirst().orElseThrow();
		By by = By.of(byWord == null ? "" : byWord.strip())
			.filter(b -> indicator.breakdowns().contains(b.word()))
			.orElseThrow(() -> new DomainException(DomainException.Kind.INVALID, "bad-breakdown",
					"by must be one of " + String.join("|", indicator.breakdowns()) + " for " + code,
					Map.of("by", String.valueOf(byWord), "valid", String.join("|", indicator.breakdowns()))));
		IndicatorSource source = sourceOf.get(code);
		Map<String, Measure> now = source.breakdown(slice, code, by);
		Map<String, Measure> yearAgo = indicator.snapshot() ? Map.of()
				: source.breakdown(slice.in(slice.period().previousYear()), code, by);
		Map<String, String> labels = labels(by);
		List<Row> rows = new ArrayList<>();
		for (Map.Entry<String, Measure> e : now.entrySet()) {
			String key = e.getKey();
			String yearAgoKey = by == By.MONTH ? YearMonth.parse(key).minusYears(1).toString() : key;
			BigDecimal py = yearAgo.getOrDefault(yearAgoKey, Measure.NONE).value();
			Measure m = e.getValue();
			rows.add(new Row(key, labels.getOrDefault(key, key), m.value(), m.numerator(), m.denominator(), py,
					Measure.change(m.value(), py)));
		}
		rows.sort(Comparator.comparing(Row::key));
		Area a = slice.area();
		return new Breakdown(code, a.code(), a.name(), slice.period().label(), by.word(), rows);
	}

	private Map<String, String> labels(By by) {
		return switch (by) {
			case TOWNSHIP, VILLAGE -> areas.names(Area.Kind.VILLAGE);
			case GRID -> areas.names(Area.Kind.GRID);
			case STATION -> areas.names(Area.Kind.STATION);
			case POLICE_GRID -> areas.names(Area.Kind.POLICE_GRID);
			default -> names.stream()
				.map(BreakdownNames::names)
				.filter(n -> n.containsKey(by.word()))
				.findFirst()
				.map(n -> n.get(by.word()))
				.orElse(Map.of());
		};
	}

	/** The slice of an area and period, refused when out of scope or in the future. */
	public Slice slice(String areaCode, String periodText, DataScope scope) {
		Period period = Period.parse(periodText);
		LocalDate today = LocalDate.now(clock);
		if (period.from().isAfter(today)) {
			throw new DomainException(DomainException.Kind.INVALID, "period-in-future",
					"period " + period.label() + " has not begun; today is " + today,
					Map.of("period", period.label(), "today", today.toString()));
		}
		Area area = areaCode == null || areaCode.isBlank() ? defaultArea(scope) : areas.resolve(areaCode.strip());
		if (!area.within(scope)) {
			throw new DomainException(DomainException.Kind.NOT_ALLOWED, "area-out-of-scope",
					"area " + area.code() + " is outside your data scope", Map.of("area", area.code()));
		}
		return new Slice(area, period, scope);
	}

	/**
	 * The area of a request that names none: the county for those who see it all, else
	 * the one area of the caller's scope (a township, a grid), else the county (refused).
	 */
	private Area defaultArea(DataScope scope) {
		if (!scope.all() && scope.areaPrefixes().size() == 1 && !scope.areaPrefixes().get(0).isEmpty()) {
			return areas.find(scope.areaPrefixes().get(0)).orElseGet(areas::county);
		}
		return areas.county();
	}

	private Set<String> codes(List<String> codes) {
		if (codes == null || codes.isEmpty()) {
			return new LinkedHashSet<>(definitions.keySet());
		}
		Set<String> wanted = new LinkedHashSet<>();
		for (String c : codes) {
			String code = c.strip();
			if (code.isEmpty()) {
				continue;
			}
			if (!definitions.containsKey(code)) {
				throw new DomainException(DomainException.Kind.INVALID, "unknown-indicator",
						"unknown indicator " + (code.length() > 60 ? code.substring(0, 60) : code) + "; valid: "
								+ String.join(", ", definitions.keySet()),
						Map.of("code", code.length() > 60 ? code.substring(0, 60) : code, "valid",
								String.join(",", definitions.keySet())));
			}
			wanted.add(code);
		}
		return wanted.isEmpty() ? new LinkedHashSet<>(definitions.keySet()) : wanted;
	}

	private Map<String, Measure> measure(Slice slice, Set<String> codes) {
		Map<IndicatorSource, Set<String>> bySource = new LinkedHashMap<>();
		for (String code : codes) {
			bySource.computeIfAbsent(sourceOf.get(code), s -> new LinkedHashSet<>()).add(code);
		}
		Map<String, Measure> measures = new LinkedHashMap<>();
		bySource.forEach((source, its) -> measures.putAll(source.measure(slice, its)));
		return measures;
	}

	/** Sources' names for the keys of their own breakdowns (categories, types...). */
	public interface BreakdownNames {

		/** Names by breakdown word, then by key. */
		Map<String, Map<String, String>> names();

	}

	static List<String> words(By... bys) {
		return java.util.Arrays.stream(bys).map(By::word).collect(Collectors.toList());
	}

}
