package org.fengqiao.dispatch;

/**
 * The calendar on which a deadline is counted.
 */
public enum CalendarKind {

	/** Wall-clock time, 24/7. Amounts are minutes. */
	NATURAL_MINUTES,
	/**
	 * Only working periods of working days count. Amounts are minutes of working time.
	 */
	WORKING_HOURS,
	/**
	 * Whole working days. An amount of N means: the end of the last working period of the
	 * N-th working day after "day 0" (see
	 * {@link WorkCalendar#due(java.time.Instant, long, CalendarKind)}). Elapsed time on
	 * this calendar is measured in working time, like {@link #WORKING_HOURS}.
	 */
	WORKING_DAYS

}
