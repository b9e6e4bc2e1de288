package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.GridResponsibles;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluation (考核): the weighted score and grade of every township, police station or
 * person (grid chiefs and grid workers, on the grids they are assigned to at the end of
 * the period) for a period, by {@link EvaluationRules}; each score explains itself.
 *
 * <p>
 * The figures are the engine's breakdowns of the county by township, station and grid.
 * The caller sees only the units inside their data scope and the people all of whose
 * grids are inside it, so every figure shown is complete and no total includes what the
 * caller may not see. A count is scored against the largest count among all the peers of
 * the county, so a unit's score is the same whoever looks; only that ratio, no other
 * unit's figure, reaches the caller.
 */
@Component
public class Evaluations {

	/** What is evaluated. */
	enum Of {

		TOWNSHIP, STATION, PERSON;

		String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Of of(String word) {
			String w = word == null || word.isBlank() ? "township" : word.strip();
			for (Of o : values()) {
				if (o.word().equals(w)) {
					return o;
				}
			}
			String shown = w.length() > 20 ? w.substring(0, 20) : w;
			throw new DomainException(DomainException.Kind.INVALID, "bad-evaluation-subject",
					"of must be township, station or person", Map.of("of", shown, "valid", "township|station|person"));
		}

	}

	/** The evaluation of a period. */
	@Schema(name = "Evaluation")
	public record Result(String period, @Schema(description = "first day") LocalDate from,
			@Schema(description = "the day after the last") LocalDate to,
			@Schema(description = "township, station or person") String of,
			@Schema(description = "the day whose assignments say which grids a person is scored on") LocalDate assignedOn,
			List<EvaluationRules.Weight> weights, List<EvaluationRules.Grade> grades,
			@Schema(description = "best first; those without a score last") List<EvaluationRules.Score> scores) {
	}

	private final Indicators indicators;

	private final EvaluationRules rules;

	private final Areas areas;

	private final GridDirectory directory;

	private final GridResponsibles responsibles;

	private final Clock clock;

	Evaluations(Indicators indicators, EvaluationRules rules, Areas areas, GridDirectory directory,
			GridResponsibles responsibles, Clock clock) {
		this.indicators = indicators;
		this.rules = rules;
		this.areas = areas;
		this.directory = directory;
		this.responsibles = responsibles;
		this.clock = clock;
	}

	/** The year to date: {@code YYYY-01..YYYY-MM} of today. */
	String yearToDate() {
		YearMonth now = YearMonth.now(clock);
		return YearMonth.of(now.getYear(), 1) + ".." + now;
	}

	/**
	 * The scores of the townships, stations or people within the scope for a period (the
	 * year to date when blank); 400 for a bad period or subject.
	 */
	@Transactional(readOnly = true)
	public Result evaluate(String periodText, String ofWord, DataScope scope) {
		Of of = Of.of(ofWord);
		String text = periodText == null || periodText.isBlank() ? yearToDate() : periodText;
		Area county = areas.county();
		Slice slice = indicators.slice(county.code(), text, DataScope.county());
		Period period = slice.period();
		LocalDate today = LocalDate.now(clock);
		LocalDate assignedOn = period.to().minusDays(1).isBefore(today) ? period.to().minusDays(1) : today;
		By by = of == Of.PERSON ? By.GRID : of == Of.TOWNSHIP ? By.TOWNSHIP : By.STATION;
		Map<String, Map<String, Indicators.Row>> rows = new LinkedHashMap<>();
		for (String code : rules.codes()) {
			Map<String, Indicators.Row> byKey = new HashMap<>();
			for (Indicators.Row row : indicators
				.breakdown(code, county.code(), period.label(), by.word(), DataScope.county())
				.rows()) {
				byKey.put(row.key(), row);
			}
			rows.put(code, byKey);
		}
		List<Subject> subjects = switch (of) {
			case TOWNSHIP -> directory.divisions()
				.stream()
				.filter(d -> "TOWNSHIP".equals(d.level()))
				.map(d -> new Subject(d.code(), d.name(), null, List.of(d.code()), areaWithin(d.code(), scope)))
				.toList();
			case STATION -> directory.stations()
				.stream()
				.map(s -> new Subject(s.code(), s.name(), null, List.of(s.code()), areaWithin(s.code(), scope)))
				.toList();
			case PERSON -> people(assignedOn, scope);
		};
		Map<String, Map<String, BigDecimal>> values = new LinkedHashMap<>();
		for (Subject s : subjects) {
			Map<String, BigDecimal> v = new HashMap<>();
			for (String code : rules.codes()) {
				v.put(code,
						of == Of.PERSON ? sum(code, rows.get(code), s.keys()) : value(code, rows.get(code), s.key()));
			}
			values.put(s.key(), v);
		}
		Map<String, BigDecimal> largest = new HashMap<>();
		for (String code : rules.codes()) {
			if (rules.againstPeers(code)) {
				values.values()
					.stream()
					.map(v -> v.get(code))
					.filter(java.util.Objects::nonNull)
					.max(BigDecimal::compareTo)
					.ifPresent(max -> largest.put(code, max));
			}
		}
		List<EvaluationRules.Score> scores = new ArrayList<>();
		for (Subject s : subjects) {
			if (s.visible()) {
				scores.add(rules.score(s.key(), s.name(), s.detail(), values.get(s.key()), largest));
			}
		}
		scores.sort(EvaluationRules.BEST_FIRST);
		return new Result(period.label(), period.from(), period.to(), of.word(), assignedOn, rules.weights(),
				rules.grades(), scores);
	}

	/** Someone or something scored: its key, and the breakdown keys it covers. */
	private record Subject(String key, String name, String detail, List<String> keys, boolean visible) {
	}

	private boolean areaWithin(String code, DataScope scope) {
		return areas.find(code).map(a -> a.within(scope)).orElse(false);
	}

	/** Grid chiefs and workers, each on all their grids; seen when all are in scope. */
	private List<Subject> people(LocalDate date, DataScope scope) {
		Map<Long, List<GridResponsibles.GridAssignment>> byPerson = new LinkedHashMap<>();
		for (GridResponsibles.GridAssignment a : responsibles.on(date)) {
			byPerson.computeIfAbsent(a.personId(), id -> new ArrayList<>()).add(a);
		}
		List<Subject> people = new ArrayList<>();
		byPerson.forEach((id, list) -> {
			List<String> grids = list.stream().map(GridResponsibles.GridAssignment::gridCode).distinct().toList();
			boolean visible = grids.stream().allMatch(scope::covers);
			StringBuilder detail = new StringBuilder();
			for (GridResponsibles.GridAssignment a : list) {
				if (!detail.isEmpty()) {
					detail.append("；");
				}
				detail.append("GRID_CHIEF".equals(a.kind()) ? "网格长" : "网格员")
					.append(" ")
					.append(directory.grid(a.gridCode()).map(GridDirectory.GridInfo::name).orElse(a.gridCode()))
					.append("（")
					.append(a.gridCode())
					.append("）");
			}
			people.add(new Subject(String.valueOf(id), list.get(0).name(), detail.toString(), grids, visible));
		});
		return people;
	}

	/** A unit's value: its row's, or none (a count of 0) without a row. */
	private BigDecimal value(String code, Map<String, Indicators.Row> rows, String key) {
		Indicators.Row row = rows.get(key);
		if (row != null) {
			return row.value();
		}
		return counts(code) ? BigDecimal.ZERO : null;
	}

	/**
	 * A person's value over their grids: the numerators and denominators of the grid rows
	 * inside any of them (each row once), divided as the indicator divides.
	 */
	private BigDecimal sum(String code, Map<String, Indicators.Row> rows, List<String> grids) {
		BigDecimal numerator = BigDecimal.ZERO;
		BigDecimal denominator = BigDecimal.ZERO;
		for (Indicators.Row row : rows.values()) {
			if (row.key() != null && grids.stream().anyMatch(row.key()::startsWith)) {
				numerator = numerator.add(Optional.ofNullable(row.numerator()).orElse(BigDecimal.ZERO));
				denominator = denominator.add(Optional.ofNullable(row.denominator()).orElse(BigDecimal.ZERO));
			}
		}
		Indicator indicator = indicators.definition(code).orElseThrow();
		return Measure.of(indicator.form(), numerator, denominator).value();
	}

	private boolean counts(String code) {
		return indicators.definition(code).map(i -> i.form() == Indicator.Form.COUNT).orElse(false);
	}

}
