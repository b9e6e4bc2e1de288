package org.fengqiao.statistics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fengqiao.platform.DomainException;

/**
 * A period of the figures, in the notations the county uses: a year {@code 2025}, a
 * quarter {@code 2025-Q3}, a month {@code 2025-07}, an ISO week {@code 2025-W27}, a day
 * {@code 2025-07-15}, or months of one year {@code 2025-01..2025-11} (the seed's
 * "1-11月"). Days {@code from} (inclusive) to {@code to} (exclusive), in the county's time
 * zone.
 *
 * <p>
 * The same period a year earlier (同比) is the same notation one year back (the same ISO
 * week number of the previous week-year); the preceding period (环比) is the one just
 * before, of the same kind and length.
 */
public record Period(Kind kind, String label, LocalDate from, LocalDate to) {

	/** The notations. */
	public enum Kind {

		YEAR, QUARTER, MONTH, WEEK, DAY, MONTHS

	}

	/** The notations, for error messages. */
	public static final String NOTATIONS = "2025, 2025-Q3, 2025-07, 2025-W27, 2025-07-15, 2025-01..2025-11";

	private static final Pattern YEAR = Pattern.compile("(\\d{4})");

	private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

	private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

	private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

	private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern MONTHS = Pattern.compile("(\\d{4})-(\\d{2})\\.\\.(\\d{4})-(\\d{2})");

	/** A period was not understood. */
	static final class BadPeriod extends DomainException {

		BadPeriod(String value, String why) {
			super(Kind.INVALID, "bad-period", "period " + value + ": " + why + "; write one of " + NOTATIONS,
					java.util.Map.of("period", value, "valid", NOTATIONS));
		}

	}

	/** Parses a period in one of the notations. */
	public static Period parse(String value) {
		if (value == null || value.isBlank()) {
			throw new BadPeriod(String.valueOf(value), "missing");
		}
		String v = value.strip();
		try {
			Matcher m;
			if ((m = YEAR.matcher(v)).matches()) {
				return year(Integer.parseInt(m.group(1)));
			}
			if ((m = QUARTER.matcher(v)).matches()) {
				return quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
			}
			if ((m = MONTH.matcher(v)).matches()) {
				return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
			}
			if ((m = WEEK.matcher(v)).matches()) {
				return week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), v);
			}
			if (DAY.matcher(v).matches()) {
				return day(LocalDate.parse(v));
			}
			if ((m = MONTHS.matcher(v)).matches()) {
				YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
				YearMonth last = YearMonth.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
				if (first.getYear() != last.getYear() || last.isBefore(first)) {
					throw new BadPeriod(v, "a range of months runs forward within one year");
				}
				return months(first, last);
			}
		}
		catch (java.time.DateTimeException e) {
			throw new BadPeriod(v, "no such date");
		}
		throw new BadPeriod(v.length() > 40 ? v.substring(0, 40) : v, "not a period");
	}

	static Period year(int year) {
		check(year);
		return new Period(Kind.YEAR, String.valueOf(year), LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
	}

	static Period quarter(int year, int quarter) {
		check(year);
		LocalDate from = LocalDate.of(year, 3 * quarter - 2, 1);
		return new Period(Kind.QUARTER, year + "-Q" + quarter, from, from.plusMonths(3));
	}

	static Period month(YearMonth month) {
		check(month.getYear());
		return new Period(Kind.MONTH, month.toString(), month.atDay(1), month.plusMonths(1).atDay(1));
	}

	static Period week(int weekYear, int week, String label) {
		check(weekYear);
		LocalDate mondayOfWeek1 = LocalDate.of(weekYear, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		int weeks = (int) LocalDate.of(weekYear, 12, 28).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
		if (week < 1 || week > weeks) {
			throw new BadPeriod(label, weekYear + " has ISO weeks 1 to " + weeks);
		}
		LocalDate from = mondayOfWeek1.plusWeeks(week - 1L);
		return new Period(Kind.WEEK, String.format("%d-W%02d", weekYear, week), from, from.plusWeeks(1));
	}

	static Period day(LocalDate day) {
		check(day.getYear());
		return new Period(Kind.DAY, day.toString(), day, day.plusDays(1));
	}

	static Period months(YearMonth first, YearMonth last) {
		check(first.getYear());
		return new Period(Kind.MONTHS, first + ".." + last, first.atDay(1), last.plusMonths(1).atDay(1));
	}

	private static void check(int year) {
		if (year < 1990 || year > 2200) {
			throw new BadPeriod(String.valueOf(year), "years run from 1990 to 2200");
		}
	}

	/** The same period a year earlier (同比). */
	public Period previousYear() {
		return switch (kind) {
			case YEAR -> year(from.getYear() - 1);
			case QUARTER -> quarter(from.getYear() - 1, (from.getMonthValue() + 2) / 3);
			case MONTH -> month(YearMonth.from(from).minusYears(1));
			case WEEK -> {
				int week = from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
				int weekYear = from.get(IsoFields.WEEK_BASED_YEAR) - 1;
				int weeks = (int) LocalDate.of(weekYear, 12, 28).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
				yield week(weekYear, Math.min(week, weeks), label);
			}
			case DAY -> day(from.minusYears(1));
			case MONTHS -> months(YearMonth.from(from).minusYears(1), YearMonth.from(to.minusDays(1)).minusYears(1));
		};
	}

	/** The period just before, of the same kind and length (环比). */
	public Period previous() {
		return switch (kind) {
			case YEAR -> year(from.getYear() - 1);
			case QUARTER -> {
				LocalDate start = from.minusMonths(3);
				yield quarter(start.getYear(), (start.getMonthValue() + 2) / 3);
			}
			case MONTH -> month(YearMonth.from(from).minusMonths(1));
			case WEEK -> {
				LocalDate start = from.minusWeeks(1);
				yield week(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), label);
			}
			case DAY -> day(from.minusDays(1));
			case MONTHS -> {
				long length = java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(to));
				YearMonth first = YearMonth.from(from).minusMonths(length);
				yield new Period(Kind.MONTHS, first + ".." + YearMonth.from(from).minusMonths(1), first.atDay(1), from);
			}
		};
	}

	/** Whether the period is whole months (the monthly roll-ups answer it). */
	boolean wholeMonths() {
		return from.getDayOfMonth() == 1 && to.getDayOfMonth() == 1;
	}

	/** The months of the period, for a breakdown by month. */
	java.util.List<YearMonth> months() {
		java.util.List<YearMonth> months = new java.util.ArrayList<>();
		for (YearMonth m = YearMonth.from(from); m.atDay(1).isBefore(to); m = m.plusMonths(1)) {
			months.add(m);
		}
		return months;
	}

}
