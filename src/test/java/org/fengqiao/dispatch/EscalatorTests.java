package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.dispatch.Times.bj;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * When an escalated whistle falls due again: a fresh length of the clock that was missed,
 * on that clock's calendar. Plain objects on fixed instants, no Spring. Weekdays:
 * 2025-03-07 is a Friday; 2025-10-01 to 10-08 is the National Day holiday.
 */
class EscalatorTests {

	final WorkCalendar calendar = WorkCalendar.china();

	/** Respond in 30 natural minutes; handle within 300 minutes of working time. */
	final Category hours = category(300, CalendarKind.WORKING_HOURS);

	/** Respond in 30 natural minutes; handle within one working day. */
	final Category oneDay = category(1, CalendarKind.WORKING_DAYS);

	static Category category(int handleAmount, CalendarKind handleCalendar) {
		return new Category("UM-TEST", "测试", "Test", 3, "GRID", null, 30, handleAmount, handleCalendar, handleAmount,
				handleCalendar, true, null, "");
	}

	@Test
	void aHandlingClockMissedOnAFridayEveningFallsDueAgainInMondaysWorkingHours() {
		Instant fridayEvening = bj("2025-03-07T19:00");
		Instant next = Escalator.nextEscalation(calendar, hours, Whistle.Clock.HANDLE, fridayEvening);
		// Monday 08:30-12:00 (210 minutes) and 14:30-16:00 (90): 300 minutes of work.
		assertThat(next).isEqualTo(bj("2025-03-10T16:00"));
		assertThat(next).as("not 30 wall-clock minutes of the respond clock")
			.isNotEqualTo(fridayEvening.plusSeconds(30 * 60));
	}

	@Test
	void aHandlingClockMissedBeforeTheHolidayFallsDueAfterIt() {
		Instant eve = bj("2025-09-30T17:00");
		Instant next = Escalator.nextEscalation(calendar, oneDay, Whistle.Clock.HANDLE, eve);
		assertThat(LocalDate.ofInstant(next, WorkCalendar.CHINA_ZONE)).as("the first working day after the holiday")
			.isEqualTo(LocalDate.of(2025, 10, 9));
		assertThat(calendar.isWorkingTime(next.minusSeconds(1))).isTrue();
	}

	@Test
	void aMissedHandlingClockGetsAHandlingLengthDeadline() {
		Instant tuesdayMorning = bj("2025-03-04T09:00");
		Instant next = Escalator.nextEscalation(calendar, hours, Whistle.Clock.HANDLE, tuesdayMorning);
		assertThat(calendar.counted(tuesdayMorning, next, CalendarKind.WORKING_HOURS))
			.isEqualTo(java.time.Duration.ofMinutes(300));
		// 09:00-12:00 (180) and 14:30-16:30 (120).
		assertThat(next).isEqualTo(bj("2025-03-04T16:30"));
	}

	@Test
	void aMissedResponseGetsAnotherResponseTimeOnItsOwnNaturalClock() {
		Instant fridayEvening = bj("2025-03-07T19:00");
		assertThat(Escalator.nextEscalation(calendar, hours, Whistle.Clock.RESPOND, fridayEvening))
			.isEqualTo(bj("2025-03-07T19:30"));
	}

	@Test
	void anAcceptedWhistleThatEscalatesIsDueAgainByTheHandlingClock() {
		Instant accepted = bj("2025-03-07T10:00");
		Whistle w = new Whistle(UUID.randomUUID(), Whistle.State.SUBMITTED, 4, "g4");
		w.dispatch("system", accepted.minusSeconds(600), 4, "g4", accepted.plusSeconds(1200), "grade 3");
		w.accept("worker", accepted, calendar.due(accepted, 300, CalendarKind.WORKING_HOURS),
				calendar.due(accepted, 300, CalendarKind.WORKING_HOURS));
		Instant missed = w.escalateAt().plusSeconds(1);
		Instant next = Escalator.nextEscalation(calendar, hours, w.runningClock().orElseThrow(), missed);
		w.escalate(missed, "g3", next);
		assertThat(w.level()).isEqualTo(3);
		assertThat(w.escalateAt()).isEqualTo(next);
		assertThat(calendar.counted(missed, w.escalateAt(), CalendarKind.WORKING_HOURS))
			.isEqualTo(java.time.Duration.ofMinutes(300));
	}

}
