package org.fengqiao.dispatch;

/** An override of the Monday-Friday rule for one date. */
public enum DayKind {

	/**
	 * A public holiday (or a rest day of a holiday arrangement): not a working day even
	 * on a weekday.
	 */
	HOLIDAY,
	/** An adjusted working day (调休上班): a working day even on a weekend. */
	WORKDAY

}
