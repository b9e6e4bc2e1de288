package org.fengqiao.mediation;

import java.time.LocalDate;
import java.util.Map;

import org.fengqiao.platform.DomainException;

/**
 * Judicial confirmation (司法确认) of a mediation agreement as far as it has gone: only a
 * written agreement can be confirmed, the parties apply to a court within 30 days of the
 * agreement (once), and the court's result (confirmed or rejected) is recorded once,
 * after the application and not in the future.
 *
 * @param written whether the agreement is written
 * @param agreedOn the day of the agreement
 * @param due the last day to apply (a written agreement's 30th day)
 * @param appliedOn the day the parties applied, if they did
 * @param result the court's result, if recorded
 */
record JudicialConfirmation(boolean written, LocalDate agreedOn, LocalDate due, LocalDate appliedOn, String result) {

	static final String CONFIRMED = "CONFIRMED";

	static final String REJECTED = "REJECTED";

	/** The confirmation of an agreement as {@link Disputes#agreement} reads it. */
	static JudicialConfirmation of(Disputes.Agreement agreement) {
		return new JudicialConfirmation("WRITTEN".equals(agreement.kind()), agreement.agreedOn(),
				agreement.confirmationDue(), agreement.confirmationAppliedOn(), agreement.confirmationResult());
	}

	/** Checks that the parties may apply on {@code on}, today being {@code today}. */
	void checkApplication(LocalDate on, LocalDate today, Dispute.State state) {
		if (!written) {
			throw conflict("oral-agreement", "Only a written agreement can be confirmed by a court", state);
		}
		if (on.isAfter(due) || on.isBefore(agreedOn) || on.isAfter(today)) {
			throw conflict("confirmation-window",
					"Judicial confirmation must be applied for between the agreement and " + due, state);
		}
		if (appliedOn != null) {
			throw conflict("already-applied", "Judicial confirmation was already applied for", state);
		}
	}

	/**
	 * Checks the court's result ({@code CONFIRMED} or {@code REJECTED}) decided on
	 * {@code on}, today being {@code today}.
	 */
	void checkDecision(String decided, LocalDate on, LocalDate today, Dispute.State state) {
		if (appliedOn == null) {
			throw conflict("not-applied", "No application for judicial confirmation was recorded", state);
		}
		if (!CONFIRMED.equals(decided) && !REJECTED.equals(decided)) {
			throw DomainException.invalid("bad-result", "The court's result is CONFIRMED or REJECTED");
		}
		if (result != null) {
			throw conflict("already-decided", "The court's result is already recorded", state);
		}
		if (on.isBefore(appliedOn) || on.isAfter(today)) {
			throw DomainException.invalid("bad-date", "The court decided after the application and not in the future");
		}
	}

	private static DomainException conflict(String type, String message, Dispute.State state) {
		return new DomainException(DomainException.Kind.CONFLICT, type, message, Map.of("state", state.name()));
	}

}
