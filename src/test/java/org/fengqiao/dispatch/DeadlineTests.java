package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.fengqiao.dispatch.CalendarKind.NATURAL_MINUTES;
import static org.fengqiao.dispatch.CalendarKind.WORKING_DAYS;
import static org.fengqiao.dispatch.CalendarKind.WORKING_HOURS;
import static org.fengqiao.dispatch.Times.bj;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weekdays: 2025-03-06 Thursday, 2025-03-07 Friday, 2025-03-10 Monday. */
class DeadlineTests {

	private final WorkCalendar cn = WorkCalendar.china();

	@Test
	void respondWithinThirtyNaturalMinutes() {
		// Monday 23:50 + 30 min = Tuesday 00:20; 80% of 30 min = 24 min -> due soon from
		// 00:14.
		Deadline d = Deadline.of(cn, bj("2025-03-03T23:50"), 30, NATURAL_MINUTES);
		assertThat(d.due()).isEqualTo(bj("2025-03-04T00:20"));
		assertThat(d.budget()).isEqualTo(Duration.ofMinutes(30));
		assertThat(d.lampAt(cn, bj("2025-03-04T00:13"))).isEqualTo(Lamp.ON_TIME); // 23/30
																					// =
																					// 0.767
		assertThat(d.lampAt(cn, bj("2025-03-04T00:14"))).isEqualTo(Lamp.DUE_SOON); // 24/30
																					// =
																					// 0.8
		assertThat(d.lampAt(cn, bj("2025-03-04T00:20"))).isEqualTo(Lamp.DUE_SOON); // the
																					// due
																					// minute
																					// is
																					// on
																					// time
		assertThat(d.isMissedAt(bj("2025-03-04T00:20"))).isFalse();
		Instant late = bj("2025-03-04T00:20").plusSeconds(1);
		assertThat(d.isMissedAt(late)).isTrue();
		assertThat(d.lampAt(cn, late)).isEqualTo(Lamp.OVERDUE);
		// 15 minutes late on 30: share 1.5
		assertThat(d.elapsedShare(cn, bj("2025-03-04T00:35"))).isCloseTo(1.5, within(1e-9));
	}

	@Test
	void dirtyRoadFiveWorkingHoursFromFridayAfternoon() {
		// Friday 16:00: 2 h on Friday, 3 h on Monday from 08:30 -> Monday 11:30.
		Deadline d = Deadline.of(cn, bj("2025-03-07T16:00"), 300, WORKING_HOURS);
		assertThat(d.due()).isEqualTo(bj("2025-03-10T11:30"));
		// Saturday noon: only Friday's 2 h counted -> 2/5 = 0.4
		assertThat(d.elapsedShare(cn, bj("2025-03-08T12:00"))).isCloseTo(0.4, within(1e-9));
		// Monday 10:29: 2 h + 1 h 59 min = 239 min -> 0.797, on time
		assertThat(d.lampAt(cn, bj("2025-03-10T10:29"))).isEqualTo(Lamp.ON_TIME);
		// Monday 10:30: 240 min -> 0.8, due soon
		assertThat(d.lampAt(cn, bj("2025-03-10T10:30"))).isEqualTo(Lamp.DUE_SOON);
		// Monday 15:00 (lunch does not count): overdue by 11:30-12:00 + 14:30-15:00 = 60
		// min -> 1 + 60/300 = 1.2
		assertThat(d.elapsedShare(cn, bj("2025-03-10T15:00"))).isCloseTo(1.2, within(1e-9));
		assertThat(d.lampAt(cn, bj("2025-03-10T15:00"))).isEqualTo(Lamp.OVERDUE);
	}

	@Test
	void dueSoonThresholdIsAParameter() {
		Deadline d = Deadline.of(cn, bj("2025-03-07T16:00"), 300, WORKING_HOURS);
		// Monday 09:00: 2 h + 0.5 h = 150 min -> 0.5
		Instant mondayNine = bj("2025-03-10T09:00");
		assertThat(d.lampAt(cn, mondayNine)).isEqualTo(Lamp.ON_TIME);
		assertThat(d.lampAt(cn, mondayNine, 0.5)).isEqualTo(Lamp.DUE_SOON);
		assertThat(d.lampAt(cn, mondayNine, 0.6)).isEqualTo(Lamp.ON_TIME);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.0, -0.1, 1.01, Double.NaN })
	void invalidThresholdRejected(double share) {
		Deadline d = Deadline.of(cn, bj("2025-03-07T16:00"), 300, WORKING_HOURS);
		assertThatThrownBy(() -> d.lampAt(cn, bj("2025-03-10T09:00"), share))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void shareIsZeroBeforeStartAndAtStart() {
		Deadline d = Deadline.of(cn, bj("2025-03-03T09:00"), 300, WORKING_HOURS);
		assertThat(d.elapsedShare(cn, bj("2025-03-03T08:00"))).isZero();
		assertThat(d.elapsedShare(cn, bj("2025-03-03T09:00"))).isZero();
		assertThat(d.lampAt(cn, bj("2025-03-03T08:00"))).isEqualTo(Lamp.ON_TIME);
	}

	@Test
	void zeroAmountIsDueImmediately() {
		Instant night = bj("2025-03-03T23:00");
		Deadline d = Deadline.of(cn, night, 0, WORKING_HOURS);
		assertThat(d.due()).isEqualTo(night);
		assertThat(d.budget()).isZero();
		assertThat(d.isMissedAt(night)).isFalse();
		assertThat(d.lampAt(cn, night)).isEqualTo(Lamp.DUE_SOON);
		assertThat(d.lampAt(cn, night.plusSeconds(1))).isEqualTo(Lamp.OVERDUE);
		assertThat(d.elapsedShare(cn, night.minusSeconds(1))).isZero();
	}

	@Test
	void negativeAmountRejected() {
		assertThatThrownBy(() -> Deadline.of(cn, bj("2025-03-03T10:00"), -5, WORKING_HOURS))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> new Deadline(bj("2025-03-03T10:00"), bj("2025-03-03T09:00"), WORKING_HOURS, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void fifteenWorkingDaysAcrossNationalDay() {
		// see WorkCalendarTests: 2025-09-26 + 15 working days -> 2025-10-23 18:00
		Deadline d = Deadline.of(cn, bj("2025-09-26T10:00"), 15, WORKING_DAYS);
		assertThat(d.due()).isEqualTo(bj("2025-10-23T18:00"));
		// budget: Friday 09-26 10:00-18:00 = 5.5 h, then 15 full days of 7 h = 105 h ->
		// 110.5 h
		assertThat(d.budget()).isEqualTo(Duration.ofMinutes(6630));
		// the whole National Day week adds nothing: share at 10-08 23:00 = share at 09-30
		// 18:00
		// = (5.5 + 3 * 7) h / 110.5 h = 26.5 / 110.5
		assertThat(d.elapsedShare(cn, bj("2025-10-08T23:00"))).isCloseTo(26.5 / 110.5, within(1e-9));
		assertThat(d.elapsedShare(cn, bj("2025-09-30T18:00"))).isCloseTo(26.5 / 110.5, within(1e-9));
		// due soon from 80%: 88.4 h counted. 26.5 h by 09-30; then 7 h/day: 10-09, 10-10,
		// 10-11, 10-13..10-17,
		// 10-20 -> 26.5 + 9*7 = 89.5 h at the end of 10-20; 82.5 h at the end of 10-17.
		assertThat(d.lampAt(cn, bj("2025-10-17T18:00"))).isEqualTo(Lamp.ON_TIME);
		assertThat(d.lampAt(cn, bj("2025-10-20T18:00"))).isEqualTo(Lamp.DUE_SOON);
		assertThat(d.lampAt(cn, bj("2025-10-24T08:31"))).isEqualTo(Lamp.OVERDUE);
	}

	@Test
	void pauseAcrossAWeekendKeepsTheRemainingWorkingTime() {
		// Thursday 15:00 + 5 working hours: 3 h Thursday, 2 h Friday -> Friday 10:30.
		Deadline d = Deadline.of(cn, bj("2025-03-06T15:00"), 300, WORKING_HOURS);
		assertThat(d.due()).isEqualTo(bj("2025-03-07T10:30"));
		// Paused Thursday 17:00 (2 h used, 3 h left), resumed Monday 09:00: 09:00-12:00 =
		// 3 h -> Monday 12:00.
		Deadline p = d.pausedFor(cn, bj("2025-03-06T17:00"), bj("2025-03-10T09:00"));
		assertThat(p.due()).isEqualTo(bj("2025-03-10T12:00"));
		assertThat(p.start()).isEqualTo(d.start());
		assertThat(p.budget()).isEqualTo(Duration.ofMinutes(300));
		// The pause does not count: Monday 10:30 -> 1.5 h left -> share 0.7; Monday 11:00
		// -> 1 h left -> 0.8.
		assertThat(p.elapsedShare(cn, bj("2025-03-10T10:30"))).isCloseTo(0.7, within(1e-9));
		assertThat(p.lampAt(cn, bj("2025-03-10T10:30"))).isEqualTo(Lamp.ON_TIME);
		assertThat(p.lampAt(cn, bj("2025-03-10T11:00"))).isEqualTo(Lamp.DUE_SOON);
		assertThat(p.lampAt(cn, bj("2025-03-10T12:01"))).isEqualTo(Lamp.OVERDUE);
		// without the pause it would have been overdue since Friday
		assertThat(d.lampAt(cn, bj("2025-03-10T10:30"))).isEqualTo(Lamp.OVERDUE);
	}

	@Test
	void pauseOnTheNaturalCalendar() {
		// Friday 17:50 + 30 min = 18:20; paused 18:00 (20 min left), resumed Monday 08:00
		// -> Monday 08:20.
		Deadline d = Deadline.of(cn, bj("2025-03-07T17:50"), 30, NATURAL_MINUTES);
		Deadline p = d.pausedFor(cn, bj("2025-03-07T18:00"), bj("2025-03-10T08:00"));
		assertThat(p.due()).isEqualTo(bj("2025-03-10T08:20"));
		// Monday 08:10: 10 min left of 30 -> 2/3
		assertThat(p.elapsedShare(cn, bj("2025-03-10T08:10"))).isCloseTo(2.0 / 3.0, within(1e-9));
	}

	@Test
	void pauseOutsideWorkingTimeDoesNotMoveAWorkingHoursDue() {
		// Friday 16:00 + 5 h -> Monday 11:30; a pause Friday 19:00 - Sunday 20:00 covers
		// no working time.
		Deadline d = Deadline.of(cn, bj("2025-03-07T16:00"), 300, WORKING_HOURS);
		assertThat(d.pausedFor(cn, bj("2025-03-07T19:00"), bj("2025-03-09T20:00")).due())
			.isEqualTo(bj("2025-03-10T11:30"));
	}

	@Test
	void pauseOfAWorkingDaysDeadlineKeepsRemainingWorkingTime() {
		// Monday 10:00 + 1 working day -> Tuesday 18:00. Paused Tuesday 17:00 (1 h left),
		// resumed Wednesday 09:00
		// -> Wednesday 10:00 (the remaining working time, not "end of a working day").
		Deadline d = Deadline.of(cn, bj("2025-03-03T10:00"), 1, WORKING_DAYS);
		Deadline p = d.pausedFor(cn, bj("2025-03-04T17:00"), bj("2025-03-05T09:00"));
		assertThat(p.due()).isEqualTo(bj("2025-03-05T10:00"));
	}

	@Test
	void pauseEdgeCases() {
		Deadline d = Deadline.of(cn, bj("2025-03-06T15:00"), 300, WORKING_HOURS); // due
																					// Friday
																					// 10:30
		// paused after due: a missed deadline stays missed
		assertThat(d.pausedFor(cn, bj("2025-03-07T11:00"), bj("2025-03-10T09:00"))).isEqualTo(d);
		// paused before start counts from start: all 5 h remain, from Monday 09:00 ->
		// 09:00-12:00, 14:30-16:30
		assertThat(d.pausedFor(cn, bj("2025-03-06T14:00"), bj("2025-03-10T09:00")).due())
			.isEqualTo(bj("2025-03-10T16:30"));
		// resume before pause is rejected
		assertThatThrownBy(() -> d.pausedFor(cn, bj("2025-03-06T17:00"), bj("2025-03-06T16:00")))
			.isInstanceOf(IllegalArgumentException.class);
		// an empty pause changes nothing
		assertThat(d.pausedFor(cn, bj("2025-03-06T16:00"), bj("2025-03-06T16:00"))).isEqualTo(d);
	}

}
