package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.fengqiao.platform.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The period notations, their year-earlier and preceding periods, and the changes. */
@Execution(ExecutionMode.CONCURRENT)
class PeriodTests {

	@Test
	void everyNotationHasItsDays() {
		assertThat(Period.parse("2025")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));
		assertThat(Period.parse("2025-Q3")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 10, 1));
		assertThat(Period.parse("2025-07")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 8, 1));
		// ISO week 27 of 2025 runs from Monday 30 June to Sunday 6 July.
		assertThat(Period.parse("2025-W27")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 7, 7));
		// Week 1 of 2026 begins in 2025.
		assertThat(Period.parse("2026-W01").from()).isEqualTo(LocalDate.of(2025, 12, 29));
		assertThat(Period.parse("2025-07-15")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 7, 15), LocalDate.of(2025, 7, 16));
		assertThat(Period.parse("2025-01..2025-11")).extracting(Period::from, Period::to)
			.containsExactly(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1));
	}

	@Test
	void aYearEarlierAndThePeriodBefore() {
		assertThat(Period.parse("2025-01..2025-11").previousYear().label()).isEqualTo("2024-01..2024-11");
		assertThat(Period.parse("2025-01..2025-11").previous().from()).isEqualTo(LocalDate.of(2024, 2, 1));
		assertThat(Period.parse("2025-Q1").previous().label()).isEqualTo("2024-Q4");
		assertThat(Period.parse("2025-Q1").previousYear().label()).isEqualTo("2024-Q1");
		assertThat(Period.parse("2025-01").previous().label()).isEqualTo("2024-12");
		assertThat(Period.parse("2026-W01").previous().label()).isEqualTo("2025-W52");
		// 2020 had 53 ISO weeks, 2019 had 52: week 53's year earlier is week 52.
		assertThat(Period.parse("2020-W53").previousYear().label()).isEqualTo("2019-W52");
		assertThat(Period.parse("2024-02-29").previousYear().label()).isEqualTo("2023-02-28");
		assertThat(Period.parse("2025-03-01").previous().label()).isEqualTo("2025-02-28");
	}

	@Test
	void nonsenseIsRefusedWithTheNotations() {
		for (String bad : List.of("2025-13", "2025-00", "2025-W00", "2025-W53", "2025-02-29", "2025-Q0", "20250",
				"2025-11..2025-01", "2024-12..2025-01", "", "1850", "2025-1")) {
			assertThatThrownBy(() -> Period.parse(bad)).as(bad)
				.isInstanceOf(DomainException.class)
				.hasMessageContaining("2025-W27");
		}
	}

	@Test
	void aZeroOrMissingBaseGivesNoChange() {
		assertThat(Measure.change(new BigDecimal("5"), BigDecimal.ZERO)).isNull();
		assertThat(Measure.change(new BigDecimal("5"), null)).isNull();
		assertThat(Measure.change(null, BigDecimal.ONE)).isNull();
		assertThat(Measure.change(new BigDecimal("1128"), new BigDecimal("1000"))).isEqualByComparingTo("0.128");
		assertThat(Measure.of(Indicator.Form.RATIO, 3, 0).value()).isNull();
	}

	@Test
	void percentilesAreTheNearestRankToTheMinuteWithinTwoHours() {
		// Responses of 5, 10, 20 and 40 minutes.
		List<Integer> h = new java.util.ArrayList<>(java.util.Collections.nCopies(41, 0));
		for (int m : new int[] { 5, 10, 20, 40 }) {
			h.set(Buckets.of(m) - 1, h.get(Buckets.of(m) - 1) + 1);
		}
		assertThat(Buckets.percentile(h, 0.5)).isEqualTo(10);
		assertThat(Buckets.percentile(h, 0.9)).isEqualTo(40);
		assertThat(Buckets.percentile(List.of(), 0.5)).isNull();
		assertThat(Buckets.lowerBound(Buckets.of(119))).isEqualTo(119);
		assertThat(Buckets.lowerBound(Buckets.of(150))).isEqualTo(150);
		assertThat(Buckets.lowerBound(Buckets.of(179))).isEqualTo(150);
		assertThat(Buckets.lowerBound(Buckets.of(3000))).isEqualTo(2880);
		assertThat(Buckets.of(10_000_000)).isEqualTo(194);
	}

}
