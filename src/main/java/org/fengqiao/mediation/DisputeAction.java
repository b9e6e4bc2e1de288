package org.fengqiao.mediation;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What can be done to a dispute. Each action keeps one word, used in the history
 * ({@code dispute_event.action}), in JSON and in {@code docs/permissions.md}; an unknown
 * word is no action at all. The order is the order of the permission table in
 * {@code docs/permissions.md}; the two actions only the system or another action takes
 * ({@link #ESCALATE}, {@link #TERMINATE}) come last.
 */
enum DisputeAction {

	/** A mediator takes the case (or is put on it); the first one starts mediation. */
	ASSIGN("assign"),
	/** A mediator steps back from the case (回避). */
	RECUSE("recuse"),
	/** A party is added to the dispute. */
	PARTY("party"),
	/** A mediation session is scheduled or held. */
	SESSION("session"),
	/** The parties reached an agreement. */
	AGREE("agree"),
	/**
	 * Mediation failed here: the dispute goes up a rung, or mediation ends
	 * ({@link #TERMINATE}).
	 */
	FAIL("fail"),
	/** The applicant withdraws the dispute. */
	WITHDRAW("withdraw"),
	/**
	 * The dispute leaves people's mediation (court, arbitration, an administrative body,
	 * petitions).
	 */
	REFER("refer"),
	/** The time limit of the current rung moves on. */
	EXTEND("extend"),
	/** The risk colour or the civil-to-criminal flag changes. */
	RISK("risk"),
	/** Judicial confirmation of an agreement is applied for, or its ruling recorded. */
	CONFIRMATION("confirmation"),
	/** A follow-up visit checks that the agreement was performed. */
	FOLLOW_UP("follow-up"),
	/** A finished case is archived. */
	ARCHIVE("archive"),
	/** The agreement or the case file is printed (changes nothing). */
	PRINT("print"),
	/**
	 * The dispute climbs a rung (its time limit, its risk colour or its parties'
	 * villages: the system).
	 */
	ESCALATE("escalate"),
	/**
	 * Mediation ends without success (the way {@link #FAIL} takes at the top rung or
	 * after an agreement).
	 */
	TERMINATE("terminate");

	private final String word;

	DisputeAction(String word) {
		this.word = word;
	}

	/** The word in the history, JSON and docs: {@code assign}, {@code follow-up}, ... */
	@JsonValue
	String word() {
		return word;
	}

	/** The action a word names, if any. */
	static Optional<DisputeAction> of(String word) {
		if (word == null) {
			return Optional.empty();
		}
		for (DisputeAction a : values()) {
			if (a.word.equals(word)) {
				return Optional.of(a);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return word;
	}

}
