package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The scoring function on fixed inputs, computed by hand. */
class EvaluationRulesTests {

	static final Function<String, Optional<Indicator>> DEFINITIONS = code -> Stream
		.concat(WhistleIndicators.DEFINITIONS.stream(), DisputeIndicators.DEFINITIONS.stream())
		.filter(i -> i.code().equals(code))
		.findFirst();

	final EvaluationRules rules = new EvaluationRules(EvaluationRules.DEFAULT_WEIGHTS, EvaluationRules.DEFAULT_GRADES,
			DEFINITIONS);

	static Map<String, BigDecimal> values(String received, String closure, String onTime, String rework) {
		Map<String, BigDecimal> v = new HashMap<>();
		v.put("whistles.received", received == null ? null : new BigDecimal(received));
		v.put("whistles.closure-rate", closure == null ? null : new BigDecimal(closure));
		v.put("whistles.on-time-rate", onTime == null ? null : new BigDecimal(onTime));
		v.put("whistles.rework-rate", rework == null ? null : new BigDecimal(rework));
		return v;
	}

	@Test
	void theDefaultWeightsAndGradesAreTheStandardsExample() {
		assertThat(rules.weights()).extracting(EvaluationRules.Weight::code, w -> w.weight().intValue())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("whistles.received", 10),
					org.assertj.core.groups.Tuple.tuple("whistles.closure-rate", 30),
					org.assertj.core.groups.Tuple.tuple("whistles.on-time-rate", 30),
					org.assertj.core.groups.Tuple.tuple("whistles.rework-rate", 30));
		assertThat(rules.grade(new BigDecimal("90.0"))).isEqualTo("A");
		assertThat(rules.grade(new BigDecimal("89.9"))).isEqualTo("B");
		assertThat(rules.grade(new BigDecimal("75"))).isEqualTo("B");
		assertThat(rules.grade(new BigDecimal("74.9"))).isEqualTo("C");
		assertThat(rules.grade(new BigDecimal("60"))).isEqualTo("C");
		assertThat(rules.grade(new BigDecimal("59.9"))).isEqualTo("D");
	}

	@Test
	void aScoreByHand() {
		// received 50 of the largest 200 → 25; closure 0.9 → 90; on time 0.8 → 80;
		// rework 0.05 → 95.
		// 25 × 0.1 + 90 × 0.3 + 80 × 0.3 + 95 × 0.3 = 2.5 + 27 + 24 + 28.5 = 82.0 → B
		EvaluationRules.Score s = rules.score("610824001", "张家畔街道", null, values("50", "0.9", "0.8", "0.05"),
				Map.of("whistles.received", new BigDecimal("200")));
		assertThat(s.score()).isEqualByComparingTo("82.0");
		assertThat(s.grade()).isEqualTo("B");
		assertThat(s.parts()).extracting(p -> p.score().toPlainString())
			.containsExactly("25.0", "90.0", "80.0", "95.0");
		assertThat(s.parts()).extracting(p -> p.contribution().toPlainString())
			.containsExactly("2.50", "27.00", "24.00", "28.50");
		assertThat(s.parts()).extracting(p -> p.effectiveWeight().toPlainString())
			.containsExactly("0.1000", "0.3000", "0.3000", "0.3000");
		assertThat(s.parts().get(0).valueText()).isEqualTo("50");
		assertThat(s.parts().get(1).valueText()).isEqualTo("90.0%");
		assertThat(s.parts().get(3).normalisation()).isEqualTo("(1 − value) × 100");
	}

	@Test
	void anIndicatorWithoutAValueIsLeftOutAndTheOthersCountInItsPlace() {
		// on time has no value: weights 10 + 30 + 30 = 70 count.
		// 25 × 10/70 + 90 × 30/70 + 95 × 30/70 = (250 + 2700 + 2850) / 70 = 82.857… →
		// 82.9
		EvaluationRules.Score s = rules.score("1", "x", null, values("50", "0.9", null, "0.05"),
				Map.of("whistles.received", new BigDecimal("200")));
		assertThat(s.score()).isEqualByComparingTo("82.9");
		assertThat(s.grade()).isEqualTo("B");
		EvaluationRules.Part onTime = s.parts().get(2);
		assertThat(onTime.score()).isNull();
		assertThat(onTime.contribution()).isEqualByComparingTo("0");
		assertThat(onTime.effectiveWeight()).isEqualByComparingTo("0");
		assertThat(onTime.valueText()).isEqualTo("—");
		assertThat(s.parts().get(1).effectiveWeight()).isEqualByComparingTo("0.4286");
	}

	@Test
	void perfectWorkIsAnANothingIsNoScore() {
		EvaluationRules.Score best = rules.score("1", "x", null, values("200", "1", "1", "0"),
				Map.of("whistles.received", new BigDecimal("200")));
		assertThat(best.score()).isEqualByComparingTo("100.0");
		assertThat(best.grade()).isEqualTo("A");
		// Nothing received anywhere: no count to compare, no rate: no score at all.
		EvaluationRules.Score none = rules.score("2", "y", null, values("0", null, null, null), Map.of());
		assertThat(none.score()).isNull();
		assertThat(none.grade()).isNull();
		// Some received but none due yet: a count alone makes no score either.
		EvaluationRules.Score countOnly = rules.score("3", "z", null, values("5", null, null, null),
				Map.of("whistles.received", new BigDecimal("200")));
		assertThat(countOnly.score()).isNull();
		assertThat(countOnly.parts().get(0).score()).isEqualByComparingTo("2.5");
	}

	@Test
	void aCountyChangesWeightsAndGrades() {
		EvaluationRules own = new EvaluationRules("disputes.success-rate:60, whistles.satisfied-share:40",
				"优秀:85,良好:70,一般", DEFINITIONS);
		// 0.95 → 95 × 0.6 = 57; 0.5 → 50 × 0.4 = 20; 77 → 良好
		EvaluationRules.Score s = own.score("1", "x", null, Map.of("disputes.success-rate", new BigDecimal("0.95"),
				"whistles.satisfied-share", new BigDecimal("0.5")), Map.of());
		assertThat(s.score()).isEqualByComparingTo("77.0");
		assertThat(s.grade()).isEqualTo("良好");
		assertThat(own.codes()).containsExactly("disputes.success-rate", "whistles.satisfied-share");
	}

	@Test
	void badSettingsStopTheStart() {
		assertThatThrownBy(() -> new EvaluationRules("whistles.nothing:10", "A:90,D", DEFINITIONS))
			.hasMessageContaining("no indicator whistles.nothing");
		assertThatThrownBy(() -> new EvaluationRules("whistles.response-minutes-p50:10", "A:90,D", DEFINITIONS))
			.hasMessageContaining("cannot be scored");
		assertThatThrownBy(() -> new EvaluationRules("whistles.closure-rate:-1", "A:90,D", DEFINITIONS))
			.hasMessageContaining("positive");
		assertThatThrownBy(() -> new EvaluationRules("whistles.closure-rate:1", "A:60,B:75,D", DEFINITIONS))
			.hasMessageContaining("fall");
		assertThatThrownBy(() -> new EvaluationRules("whistles.closure-rate:1", "A:90,B:75", DEFINITIONS))
			.hasMessageContaining("end with");
	}

	@Test
	void theBestComeFirst() {
		List<EvaluationRules.Score> scores = new java.util.ArrayList<>(
				List.of(new EvaluationRules.Score("1", "乙", null, null, null, List.of()),
						new EvaluationRules.Score("2", "甲", null, new BigDecimal("70"), "C", List.of()),
						new EvaluationRules.Score("3", "丙", null, new BigDecimal("91"), "A", List.of())));
		scores.sort(EvaluationRules.BEST_FIRST);
		assertThat(scores).extracting(EvaluationRules.Score::key).containsExactly("3", "2", "1");
	}

}
