package org.fengqiao.statistics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where indicators come from: a module's items, counted into its own roll-ups. The engine
 * ({@link Indicators}) finds every source bean, lists their definitions, and asks them
 * for measures; the same period a year earlier, the preceding period and the changes are
 * its work. A later module (policing, video, rewards) adds its indicators by declaring a
 * bean of this type, without touching the engine.
 */
public interface IndicatorSource {

	/** This source's indicators, defined once. */
	List<Indicator> indicators();

	/**
	 * The measures of some of this source's indicators on a slice: only items in the
	 * slice's area and period that its scope covers.
	 */
	Map<String, Measure> measure(Slice slice, Set<String> codes);

	/**
	 * The measures of one indicator on a slice, by the values of a breakdown (the key: a
	 * code, a category, a grade, a month {@code YYYY-MM}). Only breakdowns the indicator
	 * lists are asked for.
	 */
	Map<String, Measure> breakdown(Slice slice, String code, By by);

}
