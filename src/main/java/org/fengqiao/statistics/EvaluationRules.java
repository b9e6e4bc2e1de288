package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The evaluation's weights and grade thresholds (考核细则), and the scoring function. A
 * county sets them with {@code fengqiao.statistics.evaluation.weights} (indicator
 * code:weight, comma-separated; the weights are relative, e.g. percentages) and
 * {@code fengqiao.statistics.evaluation.grades} (grade:minimum score, highest first; a
 * score below the last minimum gets the grade after it). The defaults are STANDARDS.md's
 * example adapted to the whistle indicators: received 10, closure rate 30, on-time rate
 * 30, 1 − rework rate 30; grades A ≥ 90, B ≥ 75, C ≥ 60, D below.
 *
 * <p>
 * Each indicator's value is turned into a score of 0-100: a share (rate) × 100, or (1 −
 * share) × 100 when lower is better (rework); a count as a share of the largest count
 * among the peers (every unit of the same kind in the county), reversed when lower is
 * better; a mean rating (1-5 stars) as (rating − 1) ÷ 4 × 100. An indicator without a
 * value (nothing to divide by) is left out and the other weights count in its place, so
 * that a unit with no late items is neither rewarded nor punished for it; a unit none of
 * whose rates has a value (nothing received, nothing due) has no score and no grade. The
 * total is the sum of score × weight ÷ the weights counted, to one decimal.
 */
@Component
class EvaluationRules {

	static final String DEFAULT_WEIGHTS = "whistles.received:10,whistles.closure-rate:30,whistles.on-time-rate:30,whistles.rework-rate:30";

	static final String DEFAULT_GRADES = "A:90,B:75,C:60,D";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/** One weighted indicator. */
	@Schema(name = "EvaluationWeight")
	record Weight(String code, String name,
			@Schema(description = "relative weight, e.g. a percentage") BigDecimal weight,
			@Schema(description = "how a value becomes a score of 0-100") String normalisation) {
	}

	/** A grade and the lowest score that earns it. */
	@Schema(name = "EvaluationGrade")
	record Grade(String grade,
			@Schema(description = "null for the last grade (every score below)") BigDecimal minimum) {
	}

	/** One indicator's part of a score: the explanation. */
	@Schema(name = "EvaluationPart")
	public record Part(String code, String name,
			@Schema(description = "the indicator's value; null when none") BigDecimal value,
			@Schema(description = "the value as read: 97.5%, 120") String valueText,
			@Schema(description = "the value's score, 0-100; null when left out") BigDecimal score,
			@Schema(description = "the configured weight") BigDecimal weight,
			@Schema(description = "the weight's share of the weights counted (0-1); 0 when left out") BigDecimal effectiveWeight,
			@Schema(description = "score × effective weight: what it adds to the total") BigDecimal contribution,
			@Schema(description = "how the score was formed") String normalisation) {
	}

	/** A unit's or a person's score, explained. */
	@Schema(name = "EvaluationScore")
	public record Score(@Schema(description = "a township or station code, or a person's id") String key, String name,
			@Schema(description = "what is scored: the grids of a person, with their role") String detail,
			@Schema(description = "0-100 to one decimal; null when no indicator has a value") BigDecimal score,
			@Schema(description = "A, B, C, D (as configured); null without a score") String grade, List<Part> parts) {
	}

	private final List<Weight> weights;

	private final List<Grade> grades;

	private final Map<String, Indicator> definitions;

	@org.springframework.beans.factory.annotation.Autowired
	EvaluationRules(@Value("${fengqiao.statistics.evaluation.weights:" + DEFAULT_WEIGHTS + "}") String weights,
			@Value("${fengqiao.statistics.evaluation.grades:" + DEFAULT_GRADES + "}") String grades,
			Indicators indicators) {
		this(weights, grades, indicators::definition);
	}

	EvaluationRules(String weights, String grades, Function<String, Optional<Indicator>> definitions) {
		Map<String, Indicator> defs = new java.util.LinkedHashMap<>();
		List<Weight> ws = new ArrayList<>();
		for (String item : split(weights)) {
			String[] kv = item.split(":");
			if (kv.length != 2) {
				throw bad("weights", item, "write code:weight");
			}
			String code = kv[0].strip();
			Indicator indicator = definitions.apply(code)
				.orElseThrow(() -> bad("weights", item, "no indicator " + code));
			if (indicator.form() == Indicator.Form.PERCENTILE || indicator.unit() == Indicator.Unit.MINUTES
					|| !indicator.breakdowns().containsAll(List.of("township", "station", "grid"))) {
				throw bad("weights", item, code + " cannot be scored (a share, count or rating broken down by "
						+ "township, station and grid can)");
			}
			BigDecimal weight = number("weights", item, kv[1]);
			if (weight.signum() <= 0) {
				throw bad("weights", item, "a weight is positive");
			}
			if (defs.put(code, indicator) != null) {
				throw bad("weights", item, code + " is weighted twice");
			}
			ws.add(new Weight(code, indicator.nameZh(), weight, normalisation(indicator)));
		}
		if (ws.isEmpty()) {
			throw bad("weights", String.valueOf(weights), "weight at least one indicator");
		}
		List<Grade> gs = new ArrayList<>();
		List<String> items = split(grades);
		for (int i = 0; i < items.size(); i++) {
			String[] kv = items.get(i).split(":");
			boolean last = i == items.size() - 1;
			if (last && kv.length == 1) {
				gs.add(new Grade(kv[0].strip(), null));
				continue;
			}
			if (kv.length != 2) {
				throw bad("grades", items.get(i), "write grade:minimum, and the last grade alone");
			}
			BigDecimal min = number("grades", items.get(i), kv[1]);
			if (!gs.isEmpty() && gs.get(gs.size() - 1).minimum().compareTo(min) <= 0) {
				throw bad("grades", items.get(i), "minimums fall from the first grade to the last");
			}
			gs.add(new Grade(kv[0].strip(), min));
		}
		if (gs.isEmpty() || gs.get(gs.size() - 1).minimum() != null) {
			throw bad("grades", String.valueOf(grades),
					"end with the grade of every lower score, e.g. A:90,B:75,C:60,D");
		}
		this.weights = List.copyOf(ws);
		this.grades = List.copyOf(gs);
		this.definitions = defs;
	}

	List<Weight> weights() {
		return weights;
	}

	List<Grade> grades() {
		return grades;
	}

	List<String> codes() {
		return weights.stream().map(Weight::code).toList();
	}

	/** Whether a count indicator is scored against its peers' largest value. */
	boolean againstPeers(String code) {
		Indicator.Unit unit = definitions.get(code).unit();
		return unit == Indicator.Unit.COUNT || unit == Indicator.Unit.PERSONS;
	}

	/**
	 * The score of one unit or person.
	 * @param values the indicators' values (null or absent: none)
	 * @param largest for counts, the largest value among the peers
	 */
	Score score(String key, String name, String detail, Map<String, BigDecimal> values,
			Map<String, BigDecimal> largest) {
		List<BigDecimal> scores = new ArrayList<>();
		BigDecimal counted = BigDecimal.ZERO;
		for (Weight w : weights) {
			BigDecimal s = normalise(definitions.get(w.code()), values.get(w.code()), largest.get(w.code()));
			scores.add(s);
			if (s != null) {
				counted = counted.add(w.weight());
			}
		}
		List<Part> parts = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (int i = 0; i < weights.size(); i++) {
			Weight w = weights.get(i);
			Indicator indicator = definitions.get(w.code());
			BigDecimal value = values.get(w.code());
			BigDecimal s = scores.get(i);
			BigDecimal effective = s == null ? BigDecimal.ZERO : w.weight().divide(counted, 10, RoundingMode.HALF_UP);
			BigDecimal contribution = s == null ? BigDecimal.ZERO : s.multiply(effective);
			total = total.add(contribution);
			parts.add(new Part(w.code(), indicator.nameZh(), value, MonthlyBriefs.text(indicator.unit(), value),
					s == null ? null : s.setScale(1, RoundingMode.HALF_UP), w.weight(),
					effective.setScale(4, RoundingMode.HALF_UP), contribution.setScale(2, RoundingMode.HALF_UP),
					s == null ? "no value: left out, the other weights count in its place" : w.normalisation()));
		}
		if (counted.signum() == 0 || !rated(scores)) {
			return new Score(key, name, detail, null, null, parts);
		}
		BigDecimal score = total.setScale(1, RoundingMode.HALF_UP);
		return new Score(key, name, detail, score, grade(score), parts);
	}

	/**
	 * Whether a rate or rating has a value, when any is weighted: counts alone (a unit
	 * with no whistles has received 0) make no score.
	 */
	private boolean rated(List<BigDecimal> scores) {
		boolean anyRateWeighted = false;
		for (int i = 0; i < weights.size(); i++) {
			if (!againstPeers(weights.get(i).code())) {
				anyRateWeighted = true;
				if (scores.get(i) != null) {
					return true;
				}
			}
		}
		return !anyRateWeighted;
	}

	String grade(BigDecimal score) {
		for (Grade g : grades) {
			if (g.minimum() == null || score.compareTo(g.minimum()) >= 0) {
				return g.grade();
			}
		}
		throw new IllegalStateException("the last grade has no minimum");
	}

	/** A value's score of 0-100, or null when it cannot be scored. */
	static BigDecimal normalise(Indicator indicator, BigDecimal value, BigDecimal largest) {
		if (value == null) {
			return null;
		}
		BigDecimal s = switch (indicator.unit()) {
			case SHARE ->
				indicator.higherIsBetter() ? value.multiply(HUNDRED) : BigDecimal.ONE.subtract(value).multiply(HUNDRED);
			case STARS -> value.subtract(BigDecimal.ONE)
				.multiply(HUNDRED)
				.divide(BigDecimal.valueOf(4), 10, RoundingMode.HALF_UP);
			case COUNT, PERSONS -> {
				if (largest == null || largest.signum() <= 0) {
					yield indicator.higherIsBetter() ? null : HUNDRED;
				}
				BigDecimal share = value.divide(largest, 10, RoundingMode.HALF_UP);
				yield (indicator.higherIsBetter() ? share : BigDecimal.ONE.subtract(share)).multiply(HUNDRED);
			}
			case MINUTES -> null;
		};
		return s == null ? null : s.max(BigDecimal.ZERO).min(HUNDRED);
	}

	static String normalisation(Indicator indicator) {
		return switch (indicator.unit()) {
			case SHARE -> indicator.higherIsBetter() ? "value × 100" : "(1 − value) × 100";
			case STARS -> "(rating − 1) ÷ 4 × 100";
			case COUNT, PERSONS -> indicator.higherIsBetter() ? "value ÷ the largest among the peers × 100"
					: "(1 − value ÷ the largest among the peers) × 100";
			case MINUTES -> "not scored";
		};
	}

	private static List<String> split(String text) {
		if (text == null) {
			return List.of();
		}
		return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static BigDecimal number(String setting, String item, String text) {
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException e) {
			throw bad(setting, item, "not a number: " + text.strip());
		}
	}

	private static IllegalStateException bad(String setting, String item, String why) {
		return new IllegalStateException("fengqiao.statistics.evaluation." + setting + ": " + item + ": " + why);
	}

	/** Scores best first, those without a score last, then by name. */
	static final Comparator<Score> BEST_FIRST = Comparator
		.comparing(Score::score, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
		.thenComparing(Score::name);

}
