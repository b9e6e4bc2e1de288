package org.fengqiao.dispatch;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What can be done to a whistle. Each action has one word, used in URLs ({@code POST
 * /api/v1/whistles/{id}/accept}), in the history ({@code whistle_event.action}) and in
 * JSON; an unknown word is no action at all.
 */
enum WhistleAction {

	/**
	 * The system gives the order to a level of the grid chain (at intake and after a
	 * return).
	 */
	DISPATCH,
	/**
	 * A responder takes the order: the response clock stops, the handling clock starts.
	 */
	ACCEPT,
	/** The responder is on the scene. */
	ARRIVE,
	/** The responder reports the work done. */
	RESOLVE,
	/** Wrongly routed: handed back to be routed again. */
	RETURN,
	/** The resident confirms the resolution, with a rating. */
	CONFIRM,
	/** The resident is not satisfied: back to the responders. */
	REOPEN,
	/** Closed without (or after) the resident's confirmation. */
	CLOSE,
	/** A chief stops the clocks, with a reason. */
	SUSPEND,
	/** A chief lets the clocks run again. */
	RESUME,
	/**
	 * Handed to another line: mediation, police, a department via 12345, another county.
	 */
	TRANSFER,
	/** A duplicate follows another open whistle. */
	MERGE,
	/** Not a matter for dispatch, with a reason. */
	REJECT,
	/** A missed clock: one level up the grid chain (the system only). */
	ESCALATE,
	/** The command centre presses a late item with a yellow or red card (督办). */
	SUPERVISE,
	/** A chief sends the order again, to a level of their choice. */
	REDISPATCH,
	/** A summoned person reports in (no change of state). */
	CHECKIN;

	/** The word in URLs, history and JSON: {@code accept}, {@code return}, ... */
	@JsonValue
	String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action a word names, if any. */
	static Optional<WhistleAction> of(String word) {
		if (word == null) {
			return Optional.empty();
		}
		for (WhistleAction a : values()) {
			if (a.word().equals(word)) {
				return Optional.of(a);
			}
		}
		return Optional.empty();
	}

	@Override
	public String toString() {
		return word();
	}

}
