package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChinaHolidaysTests {

	private static final Map<LocalDate, DayKind> DATA = ChinaHolidays.overrides();

	private static boolean weekend(LocalDate d) {
		return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

	/**
	 * Since 2025 there are 13 statutory holiday days a year (元旦 1, 春节 4, 清明 1, 劳动节 2, 端午
	 * 1, 中秋 1, 国庆 3), and a statutory day falling on a weekend is made up on a weekday.
	 * So every year: (weekdays marked HOLIDAY) - (weekend days marked WORKDAY) = 13.
	 * 2025: 18 - 5; 2026: 19 - 6; 2027 (provisional): 18 - 5.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 2025, 2026, 2027 })
	void netThirteenStatutoryDaysOffPerYear(int year) {
		long weekdayHolidays = DATA.entrySet()
			.stream()
			.filter(e -> e.getKey().getYear() == year && e.getValue() == DayKind.HOLIDAY && !weekend(e.getKey()))
			.count();
		long makeUpDays = DATA.entrySet()
			.stream()
			.filter(e -> e.getKey().getYear() == year && e.getValue() == DayKind.WORKDAY)
			.count();
		assertThat(weekdayHolidays - makeUpDays).isEqualTo(13);
	}

	@Test
	void exactCountsPerYear() {
		assertThat(countWorkdays(2025)).isEqualTo(5);
		assertThat(countWorkdays(2026)).isEqualTo(6);
		assertThat(countWorkdays(2027)).isEqualTo(5);
	}

	@Test
	void everyAdjustedWorkingDayIsAWeekendDay() {
		DATA.forEach((day, kind) -> {
			if (kind == DayKind.WORKDAY) {
				assertThat(weekend(day)).as(day.toString()).isTrue();
			}
		});
	}

	@Test
	void dataCoversExactlyTheDeclaredYears() {
		assertThat(DATA.keySet())
			.allSatisfy(d -> assertThat(d.getYear()).isBetween(ChinaHolidays.FIRST_YEAR, ChinaHolidays.LAST_YEAR));
		assertThat(ChinaHolidays.PROVISIONAL_YEARS).containsExactly(2027);
	}

	@Test
	void springFestival2026MatchesTheNotice() {
		// 2月15日(周日)至23日(周一)放假调休,共9天。2月14日(周六)、2月28日(周六)上班。
		for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23)); d = d.plusDays(1)) {
			assertThat(DATA.get(d)).as(d.toString()).isEqualTo(DayKind.HOLIDAY);
		}
		assertThat(DATA.get(LocalDate.of(2026, 2, 14))).isEqualTo(DayKind.WORKDAY);
		assertThat(DATA.get(LocalDate.of(2026, 2, 28))).isEqualTo(DayKind.WORKDAY);
		assertThat(DATA).doesNotContainKey(LocalDate.of(2026, 2, 24));
	}

	private static long countWorkdays(int year) {
		return DATA.entrySet()
			.stream()
			.filter(e -> e.getKey().getYear() == year && e.getValue() == DayKind.WORKDAY)
			.count();
	}

}
