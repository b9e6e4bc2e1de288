package org.fengqiao.dispatch;

import java.util.Arrays;

/**
 * A rule that raises a report's grade: keywords in the description (weapons, fire),
 * vulnerable persons, the number of people involved, or repeated reports of the same kind
 * nearby.
 */
record GradingRule(String id, String kind, String pattern, int grade, String appliesTo, String reasonZh,
		String reasonEn) {

	boolean appliesTo(String categoryCode) {
		return appliesTo.equals("*") || categoryCode.startsWith(appliesTo);
	}

	/** For KEYWORD and VULNERABLE rules: whether the text holds one of the words. */
	boolean matchesText(String text) {
		return Arrays.stream(pattern.split("\\|"))
			.map(String::strip)
			.filter(w -> !w.isEmpty())
			.anyMatch(text::contains);
	}

	/**
	 * For PEOPLE_COUNT rules ({@code >=10}): whether the number of people reaches the
	 * threshold.
	 */
	boolean matchesPeople(int people) {
		String p = pattern.replace(" ", "");
		return p.startsWith(">=") && people >= Integer.parseInt(p.substring(2));
	}

	/** For REPEAT rules ({@code count>=3 within=7d radius=200m}): the three numbers. */
	int[] repeatParameters() {
		int count = 3, days = 7, metres = 200;
		for (String part : pattern.split("\\s+")) {
			if (part.startsWith("count>=")) {
				count = Integer.parseInt(part.substring(7));
			}
			else if (part.startsWith("within=")) {
				days = Integer.parseInt(part.substring(7).replace("d", ""));
			}
			else if (part.startsWith("radius=")) {
				metres = Integer.parseInt(part.substring(7).replace("m", ""));
			}
		}
		return new int[] { count, days, metres };
	}
}
