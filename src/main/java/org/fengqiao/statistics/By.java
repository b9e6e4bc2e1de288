package org.fengqiao.statistics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a breakdown groups by, with the word the API uses. */
public enum By {

	TOWNSHIP, VILLAGE, GRID, STATION, POLICE_GRID, CATEGORY, GRADE, MONTH, TYPE, SOURCE;

	/** The API's word ({@code police-grid}). */
	public String word() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The breakdown of an API word. */
	public static Optional<By> of(String word) {
		return Arrays.stream(values()).filter(b -> b.word().equals(word)).findFirst();
	}

	/** Every word, for error messages. */
	public static String words() {
		return Arrays.stream(values()).map(By::word).collect(Collectors.joining("|"));
	}

}
