package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fengqiao.dispatch.CalendarKind.NATURAL_MINUTES;
import static org.fengqiao.dispatch.CalendarKind.WORKING_DAYS;
import static org.fengqiao.dispatch.CalendarKind.WORKING_HOURS;
import static org.fengqiao.dispatch.Times.bj;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weekday reference: 2025-03-03 is a Monday, 2025-03-07 a Friday, 2025-03-08 a Saturday.
 * Default working periods: 08:30-12:00 (3.5 h) and 14:30-18:00 (3.5 h), 7 h a day.
 */
class WorkCalendarTests {

	private final WorkCalendar cn = WorkCalendar.china();

	@Nested
	class WorkingDays {

		@ParameterizedTest(name = "{0} working={1}")
		@CsvSource({ "2025-03-03, true", // ordinary Monday
				"2025-03-08, false", // ordinary Saturday
				"2025-03-09, false", // ordinary Sunday
				"2025-01-26, true", // Sunday, adjusted working day for Spring Festival
									// 2025
				"2025-01-28, false", // Tuesday, Spring Festival 2025
				"2025-02-08, true", // Saturday, adjusted working day
				"2025-04-27, true", // Sunday, adjusted working day for Labour Day
				"2025-05-05, false", // Monday, Labour Day block
				"2025-06-02, false", // Monday, Dragon Boat
				"2025-09-28, true", // Sunday, adjusted working day
				"2025-10-08, false", // Wednesday, National Day block
				"2025-10-11, true", // Saturday, adjusted working day
				"2026-01-02, false", // Friday, New Year 2026
				"2026-01-04, true", // Sunday, adjusted working day
				"2026-02-14, true", // Saturday, adjusted working day
				"2026-02-23, false", // Monday, last day of Spring Festival 2026
				"2026-02-24, true", // Tuesday, back to work
				"2026-02-28, true", // Saturday, adjusted working day
				"2026-05-09, true", // Saturday, adjusted working day
				"2026-06-19, false", // Friday, Dragon Boat 2026
				"2026-09-20, true", // Sunday, adjusted working day
				"2026-09-25, false", // Friday, Mid-Autumn 2026
				"2026-10-07, false", // Wednesday, National Day 2026
				"2026-10-10, true", // Saturday, adjusted working day
				"2027-02-08, false", // Monday, Spring Festival 2027 (provisional)
				"2024-12-31, true", // outside the data: plain Monday-Friday rule
									// (Tuesday)
				"2028-01-01, false", // outside the data: Saturday
		})
		void officialCalendar(LocalDate day, boolean working) {
			assertThat(cn.isWorkingDay(day)).isEqualTo(working);
		}

	}

	@Nested
	class NaturalMinutes {

		@Test
		void thirtyMinutesAtNightCrossesMidnight() {
			// Monday 23:50 + 30 min = Tuesday 00:20; nights do count on the natural
			// calendar.
			assertThat(cn.due(bj("2025-03-03T23:50"), 30, NATURAL_MINUTES)).isEqualTo(bj("2025-03-04T00:20"));
		}

		@Test
		void thirtyMinutesOnAHolidayCountAsUsual() {
			assertThat(cn.due(bj("2025-10-01T03:00"), 30, NATURAL_MINUTES)).isEqualTo(bj("2025-10-01T03:30"));
		}

		@Test
		void countedIsWallClock() {
			// Friday 17:00 -> Monday 09:00 = 64 h
			assertThat(cn.counted(bj("2025-03-07T17:00"), bj("2025-03-10T09:00"), NATURAL_MINUTES))
				.isEqualTo(Duration.ofHours(64));
		}

	}

	@Nested
	class WorkingHours {

		@ParameterizedTest(name = "{0} + {1} min -> {2}")
		@CsvSource({
				// Monday 09:00: 09:00-12:00 = 3 h, 2 h more from 14:30 -> 16:30 the same
				// day.
				"2025-03-03T09:00, 300, 2025-03-03T16:30",
				// Lunch, Monday 12:30: nothing counts until 14:30; 14:30-18:00 = 3.5 h;
				// 1.5 h on Tuesday from 08:30 -> 10:00.
				"2025-03-03T12:30, 300, 2025-03-04T10:00",
				// Night, Monday 22:00: Tuesday 08:30-12:00 = 3.5 h, 1.5 h from 14:30 ->
				// 16:00.
				"2025-03-03T22:00, 300, 2025-03-04T16:00",
				// Before work, Monday 07:00: 60 min counted from 08:30 -> 09:30.
				"2025-03-03T07:00, 60, 2025-03-03T09:30",
				// Exactly at end of day, Monday 18:00: next counted minute is Tuesday
				// 08:30 -> 09:30.
				"2025-03-03T18:00, 60, 2025-03-04T09:30",
				// Exactly the morning period from 08:30: due is 12:00, not 14:30.
				"2025-03-03T08:30, 210, 2025-03-03T12:00",
				// Friday 16:00: 2 h on Friday, weekend skipped, 3 h on Monday from 08:30
				// -> 11:30.
				"2025-03-07T16:00, 300, 2025-03-10T11:30",
				// Saturday 10:00 (weekend start): Monday 08:30-12:00 = 3.5 h, 1.5 h from
				// 14:30 -> 16:00.
				"2025-03-08T10:00, 300, 2025-03-10T16:00",
				// Holiday start, Labour Day 2025-05-01 (holiday until 05-05): Tuesday
				// 05-06 -> 16:00 as above.
				"2025-05-01T10:00, 300, 2025-05-06T16:00",
				// Adjusted working Sunday 2025-04-27, 09:00: counts like a weekday ->
				// 16:30 the same Sunday.
				"2025-04-27T09:00, 300, 2025-04-27T16:30",
				// Spring Festival 2026: Friday 02-13 16:00: 2 h; Saturday 02-14 is a
				// working day: 08:30 + 3 h -> 11:30.
				"2026-02-13T16:00, 300, 2026-02-14T11:30",
				// National Day 2025: Tuesday 09-30 17:00: 1 h; 10-01..10-08 off; Thursday
				// 10-09 08:30-12:00 = 3.5 h,
				// 0.5 h from 14:30 -> 15:00.
				"2025-09-30T17:00, 300, 2025-10-09T15:00", })
		void due(String start, long minutes, String expected) {
			assertThat(cn.due(bj(start), minutes, WORKING_HOURS)).isEqualTo(bj(expected));
		}

		@Test
		void zeroAmountIsDueAtStartEvenAtNight() {
			Instant night = bj("2025-03-03T23:00");
			assertThat(cn.due(night, 0, WORKING_HOURS)).isEqualTo(night);
		}

		@Test
		void countedSkipsLunchNightsWeekendsAndHolidays() {
			// Monday 09:00-12:00 (3 h) + 14:30-15:00 (0.5 h)
			assertThat(cn.counted(bj("2025-03-03T09:00"), bj("2025-03-03T15:00"), WORKING_HOURS))
				.isEqualTo(Duration.ofMinutes(210));
			// Friday 17:00-18:00 (1 h) + Monday 08:30-09:00 (0.5 h)
			assertThat(cn.counted(bj("2025-03-07T17:00"), bj("2025-03-10T09:00"), WORKING_HOURS))
				.isEqualTo(Duration.ofMinutes(90));
			// Tuesday 2025-09-30 17:00-18:00 (1 h), National Day week off, Thursday 10-09
			// 08:30-09:00 (0.5 h)
			assertThat(cn.counted(bj("2025-09-30T17:00"), bj("2025-10-09T09:00"), WORKING_HOURS))
				.isEqualTo(Duration.ofMinutes(90));
			// a whole ordinary working day: 7 h
			assertThat(cn.counted(bj("2025-03-03T00:00"), bj("2025-03-04T00:00"), WORKING_HOURS))
				.isEqualTo(Duration.ofHours(7));
			// a whole holiday: nothing
			assertThat(cn.counted(bj("2025-10-01T00:00"), bj("2025-10-02T00:00"), WORKING_HOURS)).isZero();
		}

		@Test
		void countedIsZeroWhenToIsNotAfterFrom() {
			assertThat(cn.counted(bj("2025-03-03T10:00"), bj("2025-03-03T09:00"), WORKING_HOURS)).isZero();
			assertThat(cn.counted(bj("2025-03-03T10:00"), bj("2025-03-03T10:00"), NATURAL_MINUTES)).isZero();
		}

		@Test
		void countedUpToDueEqualsTheAmount() {
			for (String start : List.of("2025-03-03T07:13", "2025-03-07T17:59", "2025-09-30T11:11",
					"2026-02-13T23:00")) {
				for (long minutes : new long[] { 1, 59, 210, 300, 421, 5_000 }) {
					Instant s = bj(start);
					assertThat(cn.counted(s, cn.due(s, minutes, WORKING_HOURS), WORKING_HOURS))
						.as("%s + %d", start, minutes)
						.isEqualTo(Duration.ofMinutes(minutes));
				}
			}
		}

	}

	@Nested
	class WorkingDaysKind {

		@ParameterizedTest(name = "{0} + {1} working days -> {2}")
		@CsvSource({
				// Monday 10:00 is inside working hours: Monday is day 0, day 1 = Tuesday
				// -> Tuesday 18:00.
				"2025-03-03T10:00, 1, 2025-03-04T18:00",
				// Before working hours on a working day: Monday still day 0.
				"2025-03-03T07:00, 1, 2025-03-04T18:00",
				// During lunch: Monday still day 0.
				"2025-03-03T12:30, 1, 2025-03-04T18:00",
				// Exactly 18:00 is no longer before the end of the day: day 0 = Tuesday,
				// day 1 = Wednesday.
				"2025-03-03T18:00, 1, 2025-03-05T18:00",
				// Night: day 0 = Tuesday -> Wednesday 18:00.
				"2025-03-03T20:00, 1, 2025-03-05T18:00",
				// 0 working days = end of day 0.
				"2025-03-03T10:00, 0, 2025-03-03T18:00",
				// 0 working days from a Saturday: day 0 = Monday.
				"2025-03-08T10:00, 0, 2025-03-10T18:00",
				// Friday 15:00: day 0 Friday, weekend skipped, day 1 Monday.
				"2025-03-07T15:00, 1, 2025-03-10T18:00",
				// Saturday: day 0 Monday, day 1 Tuesday.
				"2025-03-08T10:00, 1, 2025-03-11T18:00",
				// Adjusted working Sunday 2025-01-26 is day 0; day 1 = Monday 01-27 (the
				// holiday starts 01-28).
				"2025-01-26T10:00, 1, 2025-01-27T18:00",
				// ... day 2 jumps over Spring Festival 01-28..02-04 to Wednesday 02-05.
				"2025-01-26T10:00, 2, 2025-02-05T18:00",
				// Friday 2025-01-24: day 1 = Sunday 01-26 (working), day 2 = Monday
				// 01-27, day 3 = Wednesday 02-05.
				"2025-01-24T10:00, 3, 2025-02-05T18:00",
				// 15 working days across National Day 2025 from Friday 09-26 (day 0):
				// 1 Sun 09-28, 2 Mon 09-29, 3 Tue 09-30, [10-01..10-08 off], 4 Thu 10-09,
				// 5 Fri 10-10, 6 Sat 10-11,
				// 7..11 Mon 10-13..Fri 10-17, 12..15 Mon 10-20..Thu 10-23.
				"2025-09-26T10:00, 15, 2025-10-23T18:00",
				// 15 working days across Spring Festival 2026 from Thursday 02-12 (day
				// 0):
				// 1 Fri 02-13, 2 Sat 02-14, [02-15..02-23 off], 3..6 Tue 02-24..Fri
				// 02-27, 7 Sat 02-28,
				// 8..12 Mon 03-02..Fri 03-06, 13..15 Mon 03-09..Wed 03-11.
				"2026-02-12T09:00, 15, 2026-03-11T18:00",
				// National Day 2026: Wednesday 09-30 is day 0, 10-01..10-07 off, day 1 =
				// Thursday 10-08.
				"2026-09-30T17:00, 1, 2026-10-08T18:00",
				// New Year 2026: Wednesday 2025-12-31 day 0, 01-01..01-03 off, day 1 =
				// Sunday 01-04 (adjusted working day).
				"2025-12-31T10:00, 1, 2026-01-04T18:00",
				// Start on a holiday (2025-10-03): day 0 = Thursday 10-09, day 1 = Friday
				// 10-10.
				"2025-10-03T10:00, 1, 2025-10-10T18:00", })
		void due(String start, long days, String expected) {
			assertThat(cn.due(bj(start), days, WORKING_DAYS)).isEqualTo(bj(expected));
		}

		@Test
		void countedIsWorkingTime() {
			// Monday 10:00 -> Tuesday 18:00: 2 h + 3.5 h on Monday, 7 h on Tuesday = 12.5
			// h
			assertThat(cn.counted(bj("2025-03-03T10:00"), bj("2025-03-04T18:00"), WORKING_DAYS))
				.isEqualTo(Duration.ofMinutes(750));
		}

	}

	@Nested
	class Validation {

		@ParameterizedTest
		@EnumSource(CalendarKind.class)
		void negativeAmountRejected(CalendarKind kind) {
			assertThatThrownBy(() -> cn.due(bj("2025-03-03T10:00"), -1, kind))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("negative");
		}

		@Test
		void badPeriodsRejected() {
			assertThatThrownBy(() -> WorkingPeriod.of("12:00", "08:30")).isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> WorkCalendar.of(Times.SH, List.of(), Map.of()))
				.isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> WorkCalendar.of(Times.SH,
					List.of(WorkingPeriod.of("08:30", "12:00"), WorkingPeriod.of("11:00", "13:00")), Map.of()))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("overlap");
		}

		@Test
		void calendarIsImmutable() {
			Map<LocalDate, DayKind> overrides = new HashMap<>();
			WorkCalendar cal = WorkCalendar.of(Times.SH, WorkCalendar.DEFAULT_PERIODS, overrides);
			overrides.put(LocalDate.parse("2025-03-03"), DayKind.HOLIDAY);
			assertThat(cal.isWorkingDay(LocalDate.parse("2025-03-03"))).isTrue();
			assertThatThrownBy(() -> cal.overrides().put(LocalDate.parse("2025-03-04"), DayKind.HOLIDAY))
				.isInstanceOf(UnsupportedOperationException.class);
		}

	}

	@Nested
	class ZonesAndConfiguration {

		@Test
		void instantsAreInterpretedInTheCalendarZone() {
			// 01:00Z is 09:00 in Beijing: 60 min -> 10:00 Beijing = 02:00Z.
			Instant start = Instant.parse("2025-03-03T01:00:00Z");
			assertThat(cn.due(start, 60, WORKING_HOURS)).isEqualTo(Instant.parse("2025-03-03T02:00:00Z"));
			// The same periods in UTC: 01:00Z is before 08:30Z, so 60 min -> 09:30Z.
			WorkCalendar utc = WorkCalendar.of(ZoneOffset.UTC, WorkCalendar.DEFAULT_PERIODS, Map.of());
			assertThat(utc.due(start, 60, WORKING_HOURS)).isEqualTo(Instant.parse("2025-03-03T09:30:00Z"));
			// Beijing day boundary: 2025-03-07T17:00Z is Saturday 01:00 in Beijing, not a
			// working day.
			assertThat(cn.isWorkingTime(Instant.parse("2025-03-07T17:00:00Z"))).isFalse();
			assertThat(cn.isWorkingTime(Instant.parse("2025-03-07T02:00:00Z"))).isTrue(); // Friday
																							// 10:00
		}

		@Test
		void customPeriods() {
			// One period 09:00-17:00: Monday 16:00 + 120 min = 1 h Monday + 1 h Tuesday
			// -> Tuesday 10:00.
			WorkCalendar cal = WorkCalendar.china().withPeriods(List.of(WorkingPeriod.of("09:00", "17:00")));
			assertThat(cal.due(bj("2025-03-03T16:00"), 120, WORKING_HOURS)).isEqualTo(bj("2025-03-04T10:00"));
			assertThat(cal.due(bj("2025-03-03T10:00"), 1, WORKING_DAYS)).isEqualTo(bj("2025-03-04T17:00"));
			// the holidays are kept
			assertThat(cal.isWorkingDay(LocalDate.parse("2025-10-01"))).isFalse();
		}

		@Test
		void countyCanOverrideTheHolidayDataWithoutCodeChange() {
			// Suppose the official 2027 notice makes Thursday 06-10 a holiday and
			// Saturday 06-12 a working day.
			WorkCalendar county = WorkCalendar.china().withOverrides("""
					2027-06-10 HOLIDAY
					2027-06-12 WORKDAY
					""");
			assertThat(county.isWorkingDay(LocalDate.parse("2027-06-10"))).isFalse();
			assertThat(county.isWorkingDay(LocalDate.parse("2027-06-12"))).isTrue();
			assertThat(WorkCalendar.china().isWorkingDay(LocalDate.parse("2027-06-10"))).isTrue();
			// Start on Wednesday 06-09 (provisional Dragon Boat holiday): 06-10 is now a
			// holiday too, so
			// day 0 = Friday 06-11 and day 1 = Saturday 06-12 (now a working day).
			assertThat(county.due(bj("2027-06-09T10:00"), 1, WORKING_DAYS)).isEqualTo(bj("2027-06-12T18:00"));
			// an override can also turn a provisional holiday back into a working day
			assertThat(county.withOverrides(Map.of(LocalDate.parse("2027-06-09"), DayKind.WORKDAY))
				.isWorkingDay(LocalDate.parse("2027-06-09"))).isTrue();
		}

	}

}
