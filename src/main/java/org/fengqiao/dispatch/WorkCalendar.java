package org.fengqiao.dispatch;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable working calendar: a time zone, the daily working periods and the day
 * overrides (public holidays and adjusted working days). It never reads the system clock:
 * every instant is passed in.
 *
 * <p>
 * Rules:
 * <ul>
 * <li>A day is a working day if it is overridden as {@link DayKind#WORKDAY}, or if it is
 * Monday-Friday and not overridden as {@link DayKind#HOLIDAY}.</li>
 * <li>Working time is the union of the working periods {@code [start, end)} of the
 * working days, in the calendar's zone.</li>
 * <li>{@link CalendarKind#NATURAL_MINUTES}: {@code due = start + amount minutes}.</li>
 * <li>{@link CalendarKind#WORKING_HOURS}: {@code due} is the instant at which
 * {@code amount} minutes of working time have elapsed since {@code start}. If the amount
 * is used up exactly at the end of a period, the due is that end (e.g. 12:00), not the
 * start of the next period. An amount of 0 gives {@code due = start}.</li>
 * <li>{@link CalendarKind#WORKING_DAYS}: "day 0" is the start's local date if it is a
 * working day and the start is before the end of its last working period (before or
 * during working hours, including lunch); otherwise day 0 is the next working day. The
 * due is the end of the last working period of the working day that is {@code amount}
 * working days after day 0. So 0 working days = end of day 0, 1 working day = end of the
 * next working day after day 0.</li>
 * <li>{@link #counted}: wall-clock time for NATURAL_MINUTES, working time for
 * WORKING_HOURS and WORKING_DAYS; zero when {@code to} is not after {@code from}.</li>
 * </ul>
 */
public final class WorkCalendar {

	/** Asia/Shanghai. */
	public static final ZoneId CHINA_ZONE = ZoneId.of("Asia/Shanghai");

	/** 08:30-12:00 and 14:30-18:00. */
	public static final List<WorkingPeriod> DEFAULT_PERIODS = List.of(WorkingPeriod.of("08:30", "12:00"),
			WorkingPeriod.of("14:30", "18:00"));

	/** Safety bound for day-by-day walks (about 100 years). */
	private static final int MAX_DAYS = 36_600;

	private static final WorkCalendar CHINA = new WorkCalendar(CHINA_ZONE, DEFAULT_PERIODS, ChinaHolidays.overrides());

	private final ZoneId zone;

	private final List<WorkingPeriod> periods;

	private final Map<LocalDate, DayKind> overrides;

	private WorkCalendar(ZoneId zone, List<WorkingPeriod> periods, Map<LocalDate, DayKind> overrides) {
		this.zone = Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(periods, "periods");
		Objects.requireNonNull(overrides, "overrides");
		if (periods.isEmpty()) {
			throw new IllegalArgumentException("at least one working period is required");
		}
		List<WorkingPeriod> sorted = new ArrayList<>(periods);
		sorted.forEach(p -> Objects.requireNonNull(p, "period"));
		sorted.sort(Comparator.comparing(WorkingPeriod::start));
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
				throw new IllegalArgumentException(
						"working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
			}
		}
		this.periods = List.copyOf(sorted);
		Map<LocalDate, DayKind> copy = new TreeMap<>();
		overrides.forEach((d, k) -> copy.put(Objects.requireNonNull(d, "date"), Objects.requireNonNull(k, "kind")));
		this.overrides = Collections.unmodifiableMap(copy);
	}

	/**
	 * Asia/Shanghai, 08:30-12:00 and 14:30-18:00, official holidays of
	 * {@link ChinaHolidays}.
	 */
	public static WorkCalendar china() {
		return CHINA;
	}

	/**
	 * A custom calendar.
	 * @param periods daily working periods; non-empty, non-overlapping (order does not
	 * matter)
	 * @param overrides dates that deviate from the Monday-Friday rule
	 */
	public static WorkCalendar of(ZoneId zone, List<WorkingPeriod> periods, Map<LocalDate, DayKind> overrides) {
		return new WorkCalendar(zone, periods, overrides);
	}

	/**
	 * A copy with the given overrides added; they replace existing entries for the same
	 * dates.
	 */
	public WorkCalendar withOverrides(Map<LocalDate, DayKind> more) {
		Map<LocalDate, DayKind> merged = new TreeMap<>(overrides);
		merged.putAll(Objects.requireNonNull(more, "overrides"));
		return new WorkCalendar(zone, periods, merged);
	}

	/**
	 * A copy with the overrides parsed from {@link DayOverrides} text added (see
	 * {@link #withOverrides(Map)}).
	 */
	public WorkCalendar withOverrides(String overridesText) {
		return withOverrides(DayOverrides.parse(overridesText));
	}

	/** A copy with other daily working periods. */
	public WorkCalendar withPeriods(List<WorkingPeriod> newPeriods) {
		return new WorkCalendar(zone, newPeriods, overrides);
	}

	public ZoneId zone() {
		return zone;
	}

	public List<WorkingPeriod> periods() {
		return periods;
	}

	public Map<LocalDate, DayKind> overrides() {
		return overrides;
	}

	public boolean isWorkingDay(LocalDate day) {
		DayKind kind = overrides.get(Objects.requireNonNull(day, "day"));
		if (kind != null) {
			return kind == DayKind.WORKDAY;
		}
		DayOfWeek dow = day.getDayOfWeek();
		return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
	}

	/** Whether {@code instant} lies inside a working period of a working day. */
	public boolean isWorkingTime(Instant instant) {
		ZonedDateTime local = instant.atZone(zone);
		if (!isWorkingDay(local.toLocalDate())) {
			return false;
		}
		for (WorkingPeriod p : periods) {
			if (!instant.isBefore(at(local.toLocalDate(), p.start()))
					&& instant.isBefore(at(local.toLocalDate(), p.end()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The due instant of a deadline of {@code amount} starting at {@code start}: minutes
	 * for NATURAL_MINUTES and WORKING_HOURS, working days for WORKING_DAYS (rules in the
	 * class comment).
	 * @throws IllegalArgumentException if {@code amount} is negative
	 */
	public Instant due(Instant start, long amount, CalendarKind kind) {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(kind, "kind");
		if (amount < 0) {
			throw new IllegalArgumentException("amount must not be negative: " + amount);
		}
		return switch (kind) {
			case NATURAL_MINUTES -> start.plus(Duration.ofMinutes(amount));
			case WORKING_HOURS -> plusWorkingTime(start, Duration.ofMinutes(amount));
			case WORKING_DAYS -> plusWorkingDays(start, amount);
		};
	}

	/**
	 * The instant at which {@code amount} of countable time has elapsed after
	 * {@code from}: wall-clock time for NATURAL_MINUTES, working time for WORKING_HOURS
	 * and WORKING_DAYS. Used to move a due after a pause.
	 */
	public Instant plusCounted(Instant from, Duration amount, CalendarKind kind) {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(kind, "kind");
		if (amount.isNegative()) {
			throw new IllegalArgumentException("amount must not be negative: " + amount);
		}
		return kind == CalendarKind.NATURAL_MINUTES ? from.plus(amount) : plusWorkingTime(from, amount);
	}

	/**
	 * The time that counts between two instants: wall-clock for NATURAL_MINUTES, working
	 * time for WORKING_HOURS and WORKING_DAYS. {@link Duration#ZERO} if {@code to} is not
	 * after {@code from}.
	 */
	public Duration counted(Instant from, Instant to, CalendarKind kind) {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(kind, "kind");
		if (!to.isAfter(from)) {
			return Duration.ZERO;
		}
		if (kind == CalendarKind.NATURAL_MINUTES) {
			return Duration.between(from, to);
		}
		Duration sum = Duration.ZERO;
		LocalDate last = to.atZone(zone).toLocalDate();
		for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (WorkingPeriod p : periods) {
				Instant s = max(at(day, p.start()), from);
				Instant e = min(at(day, p.end()), to);
				if (e.isAfter(s)) {
					sum = sum.plus(Duration.between(s, e));
				}
			}
		}
		return sum;
	}

	private Instant plusWorkingTime(Instant start, Duration amount) {
		if (amount.isZero()) {
			return start;
		}
		Duration remaining = amount;
		LocalDate day = start.atZone(zone).toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
			if (!isWorkingDay(day)) {
				continue;
			}
			for (WorkingPeriod p : periods) {
				Instant s = max(at(day, p.start()), start);
				Instant e = at(day, p.end());
				if (!e.isAfter(s)) {
					continue;
				}
				Duration available = Duration.between(s, e);
				if (remaining.compareTo(available) <= 0) {
					return s.plus(remaining);
				}
				remaining = remaining.minus(available);
			}
		}
		throw new IllegalArgumentException("amount too large for this calendar: " + amount);
	}

	private Instant plusWorkingDays(Instant start, long days) {
		if (days > MAX_DAYS) {
			throw new IllegalArgumentException("amount too large: " + days + " working days");
		}
		LocalDate day = start.atZone(zone).toLocalDate();
		LocalTime lastEnd = periods.get(periods.size() - 1).end();
		if (!isWorkingDay(day) || !start.isBefore(at(day, lastEnd))) {
			day = nextWorkingDay(day);
		}
		for (long n = 0; n < days; n++) {
			day = nextWorkingDay(day);
		}
		return at(day, lastEnd);
	}

	private LocalDate nextWorkingDay(LocalDate day) {
		LocalDate d = day.plusDays(1);
		for (int i = 0; i < MAX_DAYS; i++, d = d.plusDays(1)) {
			if (isWorkingDay(d)) {
				return d;
			}
		}
		throw new IllegalStateException("no working day within " + MAX_DAYS + " days after " + day);
	}

	private Instant at(LocalDate day, LocalTime time) {
		return ZonedDateTime.of(day, time, zone).toInstant();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof WorkCalendar w && zone.equals(w.zone) && periods.equals(w.periods)
				&& overrides.equals(w.overrides);
	}

	@Override
	public int hashCode() {
		return Objects.hash(zone, periods, overrides);
	}

	@Override
	public String toString() {
		return "WorkCalendar[" + zone + ", " + periods + ", " + overrides.size() + " overrides]";
	}

}
