package org.fengqiao.dispatch;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One daily working period, {@code [start, end)} in local time, for example 08:30-12:00.
 * A period lies within one day: {@code start} must be before {@code end}.
 */
public record WorkingPeriod(LocalTime start, LocalTime end) {

	public WorkingPeriod {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (!start.isBefore(end)) {
			throw new IllegalArgumentException("working period must start before it ends: " + start + "-" + end);
		}
	}

	/** Parses "08:30" / "12:00" style times. */
	public static WorkingPeriod of(String start, String end) {
		return new WorkingPeriod(LocalTime.parse(start), LocalTime.parse(end));
	}

	@Override
	public String toString() {
		return start + "-" + end;
	}
}
