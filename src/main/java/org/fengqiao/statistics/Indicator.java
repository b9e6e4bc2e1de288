package org.fengqiao.statistics;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An indicator, defined once: what it counts (numerator, denominator, filters), how its
 * value is formed, its unit, and whether a higher value is better (which colours its
 * year-on-year arrow).
 *
 * @param breakdowns the {@code by} values it can be broken down by
 * @param snapshot true when it describes the present (staffing), not a period: it has no
 * earlier values
 */
@Schema(description = "An indicator's definition")
public record Indicator(@Schema(example = "whistles.closure-rate") String code, String nameZh, String nameEn, Unit unit,
		Form form, boolean higherIsBetter, String numerator, String denominator, String filters,
		List<String> breakdowns, boolean snapshot) {

	/** What a value is measured in. */
	public enum Unit {

		/** Items. */
		COUNT,
		/** A fraction 0-1. */
		SHARE,
		/** Minutes. */
		MINUTES,
		/** Stars, 1-5. */
		STARS,
		/** People. */
		PERSONS

	}

	/** How the value is formed from the numerator and denominator. */
	public enum Form {

		/** value = numerator (a count, or a sum). */
		COUNT,
		/**
		 * value = numerator / denominator, to four decimals; null when nothing to divide
		 * by.
		 */
		RATIO,
		/** value = numerator / denominator, to two decimals (a mean). */
		MEAN,
		/** value = a percentile of the denominator's items (the numerator is empty). */
		PERCENTILE

	}

}
