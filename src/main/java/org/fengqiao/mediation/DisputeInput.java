package org.fengqiao.mediation;

import java.math.BigDecimal;

import org.fengqiao.platform.DomainException;

/**
 * The checks of what people type into a change of a dispute: texts, amounts and risk
 * colours, refused as invalid input with a problem type of their own.
 */
final class DisputeInput {

	private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	private DisputeInput() {
	}

	/** A required text, stripped, at most {@code max} characters. */
	static String text(String value, int max, String type, String message) {
		if (value == null || value.isBlank() || value.strip().length() > max) {
			throw invalid(type, message);
		}
		return value.strip();
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	static RiskColour colour(String name) {
		try {
			return RiskColour.valueOf(name == null ? "" : name.strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw invalid("bad-risk-colour", "Risk colour is one of RED, ORANGE, YELLOW, BLUE");
		}
	}

	static void checkAmount(BigDecimal amount) {
		if (amount != null && (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.scale() > 2)) {
			throw invalid("bad-amount", "An amount is between 0 and 999 999 999 999.99 yuan, to the fen");
		}
	}

	static DomainException invalid(String type, String message) {
		return DomainException.invalid(type, message);
	}

}
