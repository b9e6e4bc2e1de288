package org.fengqiao.platform;

import java.util.regex.Pattern;

/**
 * Rules for the personal data the platform keeps: resident ID numbers (GB 11643, 18
 * characters with an ISO 7064 MOD 11-2 check character) and mainland mobile numbers, how
 * to normalise and how to mask them.
 */
public final class PersonalData {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = "10X98765432".toCharArray();

	private static final Pattern ID = Pattern.compile("\\d{17}[0-9X]");

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private PersonalData() {
	}

	public static String normaliseIdNumber(String id) {
		return id == null ? null : id.strip().replace(" ", "").toUpperCase();
	}

	/**
	 * True when the ID number has 18 characters, a plausible birth date and the right
	 * check character.
	 */
	public static boolean isValidIdNumber(String id) {
		String n = normaliseIdNumber(id);
		if (n == null || !ID.matcher(n).matches()) {
			return false;
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (n.charAt(i) - '0') * WEIGHTS[i];
		}
		if (CHECK[sum % 11] != n.charAt(17)) {
			return false;
		}
		try {
			java.time.LocalDate.parse(n.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
			return true;
		}
		catch (java.time.format.DateTimeParseException e) {
			return false;
		}
	}

	/**
	 * A valid resident ID number: a 6-digit division code, the birth date, a 3-digit
	 * sequence and the check character.
	 */
	public static String idNumber(String division, java.time.LocalDate birth, int sequence) {
		String first17 = division + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
				+ String.format("%03d", sequence);
		return first17 + checkCharacter(first17);
	}

	/**
	 * The check character an ID number's first 17 digits call for (used to build valid
	 * demo numbers).
	 */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	public static String normalisePhone(String phone) {
		if (phone == null) {
			return null;
		}
		String n = phone.strip().replace(" ", "").replace("-", "");
		return n.startsWith("+86") ? n.substring(3) : n;
	}

	public static boolean isValidMobile(String phone) {
		String n = normalisePhone(phone);
		return n != null && MOBILE.matcher(n).matches();
	}

	/**
	 * A person's or organisation's name as compared for exact lookup: compatibility forms
	 * folded (full-width letters, the ideographic space), no white space at all, the
	 * interpunct of minority names in one form, Latin letters upper case. {@code "张 建国"},
	 * {@code "张建国 "} and {@code "张建国"} are one name.
	 */
	public static String normaliseName(String name) {
		if (name == null) {
			return null;
		}
		String n = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC);
		n = n.replaceAll("[\\s\\p{Z}]+", "").replaceAll("[\u2022\u2027\u30FB\u2219\u22C5]", "\u00B7");
		return n.toUpperCase(java.util.Locale.ROOT);
	}

	/** {@code 610824********1234}: the division code and the last four stay visible. */
	public static String maskIdNumber(String id) {
		String n = normaliseIdNumber(id);
		if (n == null || n.length() < 10) {
			return "****";
		}
		return n.substring(0, 6) + "*".repeat(n.length() - 10) + n.substring(n.length() - 4);
	}

	/** {@code 138****5678}. */
	public static String maskPhone(String phone) {
		String n = normalisePhone(phone);
		if (n == null || n.length() < 7) {
			return "****";
		}
		return n.substring(0, 3) + "*".repeat(n.length() - 7) + n.substring(n.length() - 4);
	}

}
