package org.fengqiao.dispatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parser for the small text format of holiday / adjusted-working-day data.
 *
 * <pre>
 * # comment lines and blank lines are ignored; a trailing "# ..." on a line is a comment too
 * 2026-10-01 HOLIDAY
 * 2026-10-01..2026-10-07 HOLIDAY     # an inclusive range of dates
 * 2026-10-10 WORKDAY                 # an adjusted working Saturday (调休上班)
 * </pre>
 *
 * Kinds are {@code HOLIDAY} or {@code WORKDAY} (case-insensitive). A date listed twice
 * with different kinds in the same text is an error; listing it twice with the same kind
 * is allowed.
 */
public final class DayOverrides {

	private DayOverrides() {
	}

	/** Parses the text; returns an unmodifiable map sorted by date. */
	public static Map<LocalDate, DayKind> parse(String text) {
		return parse(new StringReader(text));
	}

	/** Parses the text read from {@code reader} (not closed). */
	public static Map<LocalDate, DayKind> parse(Reader reader) {
		BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
		Map<LocalDate, DayKind> result = new TreeMap<>();
		int lineNo = 0;
		try {
			for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
				lineNo++;
				String line = raw;
				int hash = line.indexOf('#');
				if (hash >= 0) {
					line = line.substring(0, hash);
				}
				line = line.strip();
				if (line.isEmpty()) {
					continue;
				}
				String[] parts = line.split("\\s+");
				if (parts.length != 2) {
					throw error(lineNo, raw, "expected 'yyyy-MM-dd[..yyyy-MM-dd] HOLIDAY|WORKDAY'");
				}
				DayKind kind;
				try {
					kind = DayKind.valueOf(parts[1].toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException e) {
					throw error(lineNo, raw, "unknown day kind '" + parts[1] + "', expected HOLIDAY or WORKDAY");
				}
				LocalDate from;
				LocalDate to;
				try {
					int dots = parts[0].indexOf("..");
					if (dots >= 0) {
						from = LocalDate.parse(parts[0].substring(0, dots));
						to = LocalDate.parse(parts[0].substring(dots + 2));
					}
					else {
						from = LocalDate.parse(parts[0]);
						to = from;
					}
				}
				catch (DateTimeParseException e) {
					throw error(lineNo, raw, "bad date '" + parts[0] + "'");
				}
				if (to.isBefore(from)) {
					throw error(lineNo, raw, "range ends before it starts");
				}
				if (from.plusDays(366).isBefore(to)) {
					throw error(lineNo, raw, "range longer than a year");
				}
				for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
					DayKind previous = result.put(d, kind);
					if (previous != null && previous != kind) {
						throw error(lineNo, raw, d + " is already listed as " + previous);
					}
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return Collections.unmodifiableMap(result);
	}

	private static IllegalArgumentException error(int lineNo, String line, String message) {
		return new IllegalArgumentException("day overrides, line " + lineNo + " ('" + line.strip() + "'): " + message);
	}

}
