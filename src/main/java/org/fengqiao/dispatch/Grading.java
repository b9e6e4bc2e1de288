package org.fengqiao.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Grades a report: the category's default grade, raised by every grading rule that
 * matches.
 */
@Component
class Grading {

	/** The grade and the reasons for it. */
	record Result(int grade, List<String> reasons) {
	}

	private static final Pattern PEOPLE = Pattern.compile("(\\d{1,4})\\s*(?:多|余)?\\s*(?:人|名)");

	private final Catalogue catalogue;

	private final JdbcClient jdbc;

	Grading(Catalogue catalogue, JdbcClient jdbc) {
		this.catalogue = catalogue;
		this.jdbc = jdbc;
	}

	/**
	 * How many whistles of a category were reported since an instant inside a box (not
	 * counting merged ones): what the repeat rules ask. The live count asks the database;
	 * the bulk history import counts its own earlier items too.
	 */
	interface Earlier {

		int count(String categoryCode, Instant since, Instant until, double minLon, double maxLon, double minLat,
				double maxLat);

	}

	Result grade(Category category, String description, Integer peopleCount, double lon, double lat, Instant now) {
		return grade(category, description, peopleCount, lon, lat, now, this::storedSince);
	}

	/**
	 * As {@link #grade(Category, String, Integer, double, double, Instant)}, counting
	 * earlier reports with {@code earlier}.
	 */
	Result grade(Category category, String description, Integer peopleCount, double lon, double lat, Instant now,
			Earlier earlier) {
		int grade = category.defaultGrade();
		List<String> reasons = new ArrayList<>();
		int people = peopleCount != null ? peopleCount : peopleIn(description);
		for (GradingRule rule : catalogue.rules()) {
			if (!rule.appliesTo(category.code()) || rule.grade() >= grade) {
				continue;
			}
			boolean matches = switch (rule.kind()) {
				case "KEYWORD", "VULNERABLE" -> rule.matchesText(description);
				case "PEOPLE_COUNT" -> rule.matchesPeople(people);
				case "REPEAT" -> repeated(rule, category.code(), lon, lat, now, earlier);
				default -> false;
			};
			if (matches) {
				grade = rule.grade();
				reasons.add(rule.reasonZh());
			}
		}
		return new Result(grade, reasons);
	}

	static int peopleIn(String text) {
		Matcher m = PEOPLE.matcher(text);
		int most = 0;
		while (m.find()) {
			most = Math.max(most, Integer.parseInt(m.group(1)));
		}
		return most;
	}

	/**
	 * Earlier reports of the same category within the rule's radius and days, counting
	 * this one.
	 */
	private static boolean repeated(GradingRule rule, String categoryCode, double lon, double lat, Instant now,
			Earlier earlier) {
		int[] p = rule.repeatParameters();
		double dLat = p[2] / 111_320.0;
		double dLon = dLat / Math.cos(Math.toRadians(lat));
		int count = earlier.count(categoryCode, now.minus(Duration.ofDays(p[1])), now, lon - dLon, lon + dLon,
				lat - dLat, lat + dLat);
		return count + 1 >= p[0];
	}

	/**
	 * The stored whistles counted by a repeat rule; live reports come at the present, so
	 * nothing stored lies after {@code until}.
	 */
	private int storedSince(String categoryCode, Instant since, Instant until, double minLon, double maxLon,
			double minLat, double maxLat) {
		return jdbc.sql("""
				select count(*) from whistle where category_code = ? and reported_at >= ?
				  and lon between ? and ? and lat between ? and ? and state <> 'MERGED'""")
			.params(categoryCode, java.sql.Timestamp.from(since), minLon, maxLon, minLat, maxLat)
			.query(Integer.class)
			.single();
	}

}
