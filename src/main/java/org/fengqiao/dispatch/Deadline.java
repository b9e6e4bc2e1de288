package org.fengqiao.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An immutable deadline: when the clock started, when it is due, on which calendar, and
 * the counted time ({@code budget}) the handler is allowed between start and due,
 * excluding pauses.
 *
 * <p>
 * Without pauses {@code budget == calendar.counted(start, due, kind)}. A pause
 * ({@link #pausedFor}) moves {@code due} later but keeps {@code budget}, so that the
 * elapsed share does not count the paused time. The due instant itself is still on time:
 * the deadline is missed only strictly after {@code due}.
 */
public record Deadline(Instant start, Instant due, CalendarKind kind, Duration budget) {

	/**
	 * The default share of the budget from which the lamp turns {@link Lamp#DUE_SOON}.
	 */
	public static final double DEFAULT_DUE_SOON_SHARE = 0.8;

	public Deadline {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(due, "due");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(budget, "budget");
		if (due.isBefore(start)) {
			throw new IllegalArgumentException("due " + due + " is before start " + start);
		}
		if (budget.isNegative()) {
			throw new IllegalArgumentException("budget must not be negative: " + budget);
		}
	}

	/**
	 * A deadline of {@code amount} (minutes, or working days for WORKING_DAYS) from
	 * {@code start}.
	 * @throws IllegalArgumentException if {@code amount} is negative
	 */
	public static Deadline of(WorkCalendar calendar, Instant start, long amount, CalendarKind kind) {
		Objects.requireNonNull(calendar, "calendar");
		Instant due = calendar.due(start, amount, kind);
		return new Deadline(start, due, kind, calendar.counted(start, due, kind));
	}

	/** True strictly after the due instant. */
	public boolean isMissedAt(Instant now) {
		return Objects.requireNonNull(now, "now").isAfter(due);
	}

	/**
	 * The share of the budget used at {@code now}: 0 at (or before) start, 1 at due,
	 * above 1 when overdue ({@code 1 + counted(due, now) / budget}). Computed as
	 * {@code 1 - counted(now, due) / budget} before due, which equals
	 * {@code counted(start, now) / counted(start, due)} when there was no pause. With an
	 * empty budget (amount 0) the share is 0 before due and 1 from due on.
	 */
	public double elapsedShare(WorkCalendar calendar, Instant now) {
		Objects.requireNonNull(calendar, "calendar");
		Objects.requireNonNull(now, "now");
		if (budget.isZero()) {
			return now.isBefore(due) ? 0.0 : 1.0;
		}
		double b = seconds(budget);
		if (now.isAfter(due)) {
			return 1.0 + seconds(calendar.counted(due, now, kind)) / b;
		}
		double share = 1.0 - seconds(calendar.counted(now, due, kind)) / b;
		return Math.max(0.0, share);
	}

	/** The lamp with the default due-soon share 0.8. */
	public Lamp lampAt(WorkCalendar calendar, Instant now) {
		return lampAt(calendar, now, DEFAULT_DUE_SOON_SHARE);
	}

	/**
	 * {@link Lamp#OVERDUE} strictly after due, {@link Lamp#DUE_SOON} when the elapsed
	 * share is at least {@code dueSoonShare}, {@link Lamp#ON_TIME} otherwise.
	 * @param dueSoonShare in (0, 1]
	 */
	public Lamp lampAt(WorkCalendar calendar, Instant now, double dueSoonShare) {
		if (!(dueSoonShare > 0.0 && dueSoonShare <= 1.0)) {
			throw new IllegalArgumentException("due-soon share must be in (0, 1]: " + dueSoonShare);
		}
		if (isMissedAt(now)) {
			return Lamp.OVERDUE;
		}
		return elapsedShare(calendar, now) >= dueSoonShare ? Lamp.DUE_SOON : Lamp.ON_TIME;
	}

	/**
	 * The deadline after a suspension from {@code pausedAt} to {@code resumedAt}: the
	 * counted time that remained at {@code pausedAt} is counted again from
	 * {@code resumedAt}, so the due moves later; start and budget stay. A pause that
	 * begins before start is treated as beginning at start. A deadline already past due
	 * at {@code pausedAt} is returned unchanged (a pause does not revive a missed
	 * deadline).
	 * @throws IllegalArgumentException if {@code resumedAt} is before {@code pausedAt}
	 */
	public Deadline pausedFor(WorkCalendar calendar, Instant pausedAt, Instant resumedAt) {
		Objects.requireNonNull(calendar, "calendar");
		Objects.requireNonNull(pausedAt, "pausedAt");
		Objects.requireNonNull(resumedAt, "resumedAt");
		if (resumedAt.isBefore(pausedAt)) {
			throw new IllegalArgumentException("resumed " + resumedAt + " before paused " + pausedAt);
		}
		if (pausedAt.isAfter(due)) {
			return this;
		}
		Instant from = pausedAt.isBefore(start) ? start : pausedAt;
		Instant to = resumedAt.isBefore(from) ? from : resumedAt;
		Duration remaining = calendar.counted(from, due, kind);
		Instant newDue = calendar.plusCounted(to, remaining, kind);
		if (newDue.isBefore(due)) {
			newDue = due; // a pause never brings the due earlier
		}
		return new Deadline(start, newDue, kind, budget);
	}

	private static double seconds(Duration d) {
		return d.getSeconds() + d.getNano() / 1e9;
	}
}
