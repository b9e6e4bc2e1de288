package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an indicator measured on a slice: its numerator, denominator and value. Made by
 * {@link #of} from the indicator's {@link Indicator.Form}, so every value is formed the
 * same way; a zero or missing denominator gives a null value, never a division error.
 */
public record Measure(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {

	/** Nothing measured. */
	public static final Measure NONE = new Measure(null, null, null);

	/** The measure of a count, ratio or mean. */
	public static Measure of(Indicator.Form form, long numerator, long denominator) {
		return of(form, BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
	}

	/** The measure of a count, ratio or mean. */
	public static Measure of(Indicator.Form form, BigDecimal numerator, BigDecimal denominator) {
		return switch (form) {
			case COUNT -> new Measure(numerator, numerator, null);
			case RATIO -> new Measure(divide(numerator, denominator, 4), numerator, denominator);
			case MEAN -> new Measure(divide(numerator, denominator, 2), numerator, denominator);
			case PERCENTILE -> throw new IllegalArgumentException("a percentile is made with percentile()");
		};
	}

	/** A percentile of {@code count} items. */
	public static Measure percentile(BigDecimal value, long count) {
		return new Measure(count == 0 ? null : value, null, BigDecimal.valueOf(count));
	}

	static BigDecimal divide(BigDecimal numerator, BigDecimal denominator, int scale) {
		if (numerator == null || denominator == null || denominator.signum() == 0) {
			return null;
		}
		return numerator.divide(denominator, scale, RoundingMode.HALF_UP);
	}

	/**
	 * The relative change from {@code base} to {@code value} as a fraction (0.128 is
	 * +12.8 %), to four decimals; null when either is missing or the base is zero.
	 */
	static BigDecimal change(BigDecimal value, BigDecimal base) {
		if (value == null || base == null || base.signum() == 0) {
			return null;
		}
		return value.subtract(base).divide(base.abs(), 4, RoundingMode.HALF_UP);
	}

}
