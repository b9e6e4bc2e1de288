package org.fengqiao.dispatch;

/** The traffic-light state of a deadline at a moment. */
public enum Lamp {

	/** Less than the due-soon share of the counted time has elapsed. */
	ON_TIME,
	/**
	 * At least the due-soon share (0.8 by default) has elapsed, but the due instant has
	 * not passed.
	 */
	DUE_SOON,
	/** The due instant has passed. */
	OVERDUE

}
