package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.fengqiao.platform.DomainException;
import org.junit.jupiter.api.Test;

/** The whistle's state machine, without Spring. */
class WhistleTests {

	static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

	Whistle dispatched(int level) {
		Whistle w = new Whistle(UUID.randomUUID(), Whistle.State.SUBMITTED, level, "g" + level);
		w.dispatch("system", T0, level, "g" + level, T0.plusSeconds(1800), "grade 3");
		return w;
	}

	@Test
	void goesFromDispatchToClosureWithOneRecordedTransitionPerStep() {
		Whistle w = dispatched(5);
		w.accept("worker", T0.plusSeconds(60), T0.plusSeconds(3600), T0.plusSeconds(7200));
		w.arrive("worker", T0.plusSeconds(600));
		w.resolve("worker", T0.plusSeconds(1200), "清理完毕");
		w.confirm("resident", T0.plusSeconds(4000), 5);
		assertThat(w.state()).isEqualTo(Whistle.State.CLOSED);
		assertThat(w.rating()).isEqualTo(5);
		assertThat(w.takeTransitions()).extracting(Whistle.Transition::action)
			.containsExactly(WhistleAction.DISPATCH, WhistleAction.ACCEPT, WhistleAction.ARRIVE, WhistleAction.RESOLVE,
					WhistleAction.CONFIRM, WhistleAction.CLOSE);
		assertThat(w.escalateAt()).isNull();
	}

	@Test
	void refusesIllegalTransitionsWithTheCurrentState() {
		Whistle w = dispatched(4);
		w.accept("a", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		assertThatThrownBy(() -> w.accept("b", T0, T0, T0)).isInstanceOf(Whistle.IllegalTransition.class)
			.hasMessageContaining("ACCEPTED");
		assertThatThrownBy(() -> w.confirm("resident", T0, 4)).isInstanceOfSatisfying(Whistle.IllegalTransition.class,
				e -> {
					assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
					assertThat(e.type()).isEqualTo("illegal-transition");
					assertThat(e.properties()).containsEntry("state", "ACCEPTED");
				});
		assertThatThrownBy(() -> w.resolve("a", T0, " ")).isInstanceOfSatisfying(DomainException.class,
				WhistleTests::isBadTransition);
	}

	@Test
	void aMissedClockClimbsOneLevelAtATimeAndStopsAtLevelOne() {
		Whistle w = dispatched(3);
		w.escalate(T0.plusSeconds(1801), "g2", T0.plusSeconds(3601));
		assertThat(w.level()).isEqualTo(2);
		assertThat(w.escalateAt()).isEqualTo(T0.plusSeconds(3601));
		w.escalate(T0.plusSeconds(3602), "g1", T0.plusSeconds(5402));
		assertThat(w.level()).isEqualTo(1);
		assertThat(w.levelGridCode()).isEqualTo("g1");
		assertThat(w.escalateAt()).as("nothing above level 1").isNull();
		assertThat(w.escalations()).isEqualTo(2);
		assertThat(w.state()).isEqualTo(Whistle.State.DISPATCHED);
	}

	@Test
	void aSuspensionNeedsAReasonAndStopsTheClock() {
		Whistle w = dispatched(4);
		w.accept("a", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		assertThatThrownBy(() -> w.suspend("chief", T0, null)).isInstanceOfSatisfying(DomainException.class,
				WhistleTests::isBadTransition);
		w.suspend("chief", T0.plusSeconds(100), "等待供电部门抢修");
		assertThat(w.escalateAt()).isNull();
		w.resume("chief", T0.plusSeconds(1000), T0.plusSeconds(4500), T0.plusSeconds(8100));
		assertThat(w.state()).isEqualTo(Whistle.State.ACCEPTED);
		assertThat(w.escalateAt()).isEqualTo(T0.plusSeconds(4500));
	}

	@Test
	void resumesToTheStateItWasSuspendedFrom() {
		WorkCalendar calendar = WorkCalendar.china();
		// Monday 2025-03-03 09:00 Beijing: accepted with one working day to handle it.
		Instant accepted = Times.bj("2025-03-03T09:00");
		Instant handleBy = calendar.due(accepted, 1, CalendarKind.WORKING_DAYS);
		Whistle w = dispatched(4);
		w.accept("worker", accepted, handleBy, handleBy);
		w.arrive("worker", accepted.plusSeconds(600));
		Instant paused = Times.bj("2025-03-03T10:00");
		Instant resumed = Times.bj("2025-03-04T10:00");
		w.suspend("chief", paused, "等待供电部门抢修");
		assertThat(w.suspendedFrom()).isEqualTo(Whistle.State.ON_SCENE);
		Instant newHandleBy = new Deadline(accepted, handleBy, CalendarKind.WORKING_DAYS,
				calendar.counted(accepted, handleBy, CalendarKind.WORKING_DAYS))
			.pausedFor(calendar, paused, resumed)
			.due();
		w.resume("chief", resumed, newHandleBy, newHandleBy);
		assertThat(w.state()).as("on scene stays on scene").isEqualTo(Whistle.State.ON_SCENE);
		assertThat(w.takeTransitions()).last()
			.satisfies(t -> assertThat(t.from()).isEqualTo(Whistle.State.SUSPENDED))
			.satisfies(t -> assertThat(t.to()).isEqualTo(Whistle.State.ON_SCENE));
		// A working day suspended, a working day later.
		assertThat(handleBy).isEqualTo(Times.bj("2025-03-04T18:00"));
		assertThat(newHandleBy).isEqualTo(Times.bj("2025-03-05T18:00"));
		assertThat(w.handleDue()).isEqualTo(newHandleBy);
		assertThat(w.escalateAt()).isEqualTo(newHandleBy);
		assertThat(w.suspendedFrom()).isNull();
		// On scene again, it may be resolved.
		w.resolve("worker", resumed.plusSeconds(60), "已修复");
		assertThat(w.state()).isEqualTo(Whistle.State.RESOLVED);
	}

	@Test
	void aWhistleSuspendedFromAcceptedResumesAccepted() {
		Whistle w = dispatched(4);
		w.accept("a", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		w.suspend("chief", T0.plusSeconds(100), "等待");
		w.resume("chief", T0.plusSeconds(200), T0.plusSeconds(3700), T0.plusSeconds(7300));
		assertThat(w.state()).isEqualTo(Whistle.State.ACCEPTED);
	}

	@Test
	void aRowSuspendedBeforeTheStateWasKeptResumesAccepted() {
		Whistle w = Whistle.restore(UUID.randomUUID(), Whistle.State.SUSPENDED, 4, "g4", T0, T0.plusSeconds(3600),
				T0.plusSeconds(7200), null, T0, null, null, T0.plusSeconds(100), null, null, null, 0);
		assertThat(w.suspendedFrom()).isEqualTo(Whistle.State.ACCEPTED);
		w.resume("chief", T0.plusSeconds(200), T0.plusSeconds(3700), T0.plusSeconds(7300));
		assertThat(w.state()).isEqualTo(Whistle.State.ACCEPTED);
	}

	@Test
	void theRunningClockIsTheResponseUntilAcceptedThenTheHandling() {
		Whistle w = dispatched(4);
		assertThat(w.runningClock()).contains(Whistle.Clock.RESPOND);
		w.accept("a", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		assertThat(w.runningClock()).contains(Whistle.Clock.HANDLE);
		w.arrive("a", T0.plusSeconds(60));
		assertThat(w.runningClock()).contains(Whistle.Clock.HANDLE);
		w.suspend("chief", T0.plusSeconds(100), "等待");
		assertThat(w.runningClock()).isEmpty();
	}

	@Test
	void aReturnedWhistleIsRoutedAgainAndAResolvedOneCanBeReopened() {
		Whistle w = dispatched(4);
		w.returnForRerouting("worker", T0, "不属于本网格");
		assertThat(w.state()).isEqualTo(Whistle.State.RETURNED);
		w.dispatch("system", T0, 3, "g3", T0.plusSeconds(1800), "re-routed");
		w.accept("chief", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		w.resolve("chief", T0, "已处理");
		w.reopen("resident", T0.plusSeconds(100), "垃圾还在", T0.plusSeconds(1900));
		assertThat(w.state()).isEqualTo(Whistle.State.DISPATCHED);
		assertThat(w.escalateAt()).isEqualTo(T0.plusSeconds(1900));
	}

	@Test
	void mergeTransferRejectAndSuperviseAreRecorded() {
		Whistle a = dispatched(4);
		assertThatThrownBy(() -> a.mergeInto("op", T0, a.id)).isInstanceOfSatisfying(DomainException.class,
				WhistleTests::isBadTransition);
		UUID survivor = UUID.randomUUID();
		a.mergeInto("op", T0, survivor);
		assertThat(a.mergedInto()).isEqualTo(survivor);
		assertThat(a.state().isTerminal()).isTrue();
		Whistle b = dispatched(4);
		assertThatThrownBy(() -> b.supervise("command", T0, "GREEN", "x")).isInstanceOfSatisfying(DomainException.class,
				WhistleTests::isBadTransition);
		b.supervise("command", T0, "YELLOW", "超时未响应");
		b.transfer("op", T0, TransferTarget.MEDIATION, "邻里纠纷");
		assertThat(b.state()).isEqualTo(Whistle.State.TRANSFERRED);
		assertThat(b.takeTransitions()).extracting(Whistle.Transition::action)
			.containsExactly(WhistleAction.DISPATCH, WhistleAction.SUPERVISE, WhistleAction.TRANSFER);
		assertThatThrownBy(() -> b.reject("op", T0, "x")).isInstanceOf(Whistle.IllegalTransition.class);
	}

	@Test
	void aResolvedWhistleIsClosedWithoutTheResidentOnlyAfterTheConfirmationWindow() {
		Whistle w = dispatched(4);
		w.accept("a", T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
		w.resolve("a", T0.plusSeconds(600), "已处理");
		java.time.Duration window = java.time.Duration.ofHours(72);
		assertThatThrownBy(() -> w.close("command", T0.plusSeconds(601), "无人确认", window))
			.isInstanceOf(Whistle.IllegalTransition.class)
			.hasMessageContaining("resident");
		assertThatThrownBy(() -> w.close("command", T0.plus(window), " ", window))
			.isInstanceOfSatisfying(DomainException.class, WhistleTests::isBadTransition);
		w.close("command", T0.plusSeconds(600).plus(window), "群众逾期未评价", window);
		assertThat(w.state()).isEqualTo(Whistle.State.CLOSED);
	}

	@Test
	void everyActionHasTheStatesItMayStartFromAndOneWord() {
		for (WhistleAction a : WhistleAction.values()) {
			assertThat(Whistle.ALLOWED_FROM.get(a)).as("%s", a).isNotEmpty();
			assertThat(WhistleAction.of(a.word())).contains(a);
		}
		assertThat(WhistleAction.of("nonsense")).isEmpty();
		assertThat(WhistleAction.of("ACCEPT")).as("only the lower-case word").isEmpty();
	}

	static void isBadTransition(DomainException e) {
		assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
		assertThat(e.type()).isEqualTo("bad-transition");
	}

}
