package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything the documents show about one dispute (一案一卷), as the templates under
 * {@code templates/mediation/documents/} read it ({@code ${file.trackingCode}}). Strings
 * are display text (Chinese); a missing value is {@code null} and prints as "—"; lists
 * are never null.
 */
record CaseFile(String trackingCode, String typeName, String source, String description, String bodyName,
		String rungName, String riskColourName, boolean criminalRisk, LocalDateTime registeredAt, List<Party> parties,
		List<Session> sessions, MediationAgreement agreement /* may be null */, List<FollowUp> followUps,
		List<Move> history, String outcomeName /* may be null */,
		LocalDateTime archivedAt /* may be null */) {

	CaseFile {
		parties = parties == null ? List.of() : List.copyOf(parties);
		sessions = sessions == null ? List.of() : List.copyOf(sessions);
		followUps = followUps == null ? List.of() : List.copyOf(followUps);
		history = history == null ? List.of() : List.copyOf(history);
	}

	/** Whether a written agreement was reached: only that one is issued as a document. */
	public boolean hasWrittenAgreement() {
		return agreement != null && agreement.isWritten();
	}

	/** The same case file with other parties (e.g. their identifiers in full). */
	CaseFile withParties(List<Party> parties) {
		return new CaseFile(trackingCode, typeName, source, description, bodyName, rungName, riskColourName,
				criminalRisk, registeredAt, parties, sessions, agreement, followUps, history, outcomeName, archivedAt);
	}

	/**
	 * A party: side is APPLICANT or RESPONDENT, kind is PERSON or ORGANISATION;
	 * identifiers come masked unless the agreement is printed for signing.
	 */
	record Party(String side, String kind, String name, String idNumberMasked, String phoneMasked, String address) {

		public boolean isOrganisation() {
			return "ORGANISATION".equals(kind);
		}

	}

	/** One mediation session. */
	record Session(LocalDateTime startsAt, String roomName, String attendees, String minutes) {
	}

	/** The agreement reached: kind is WRITTEN or ORAL. */
	record MediationAgreement(String kind, String facts, String obligations, String performance,
			LocalDate performanceDue, BigDecimal amount, LocalDate agreedOn, LocalDate confirmationDue,
			String confirmationCourt, String confirmationResult) {

		public boolean isWritten() {
			return "WRITTEN".equals(kind);
		}

	}

	/** A follow-up visit (回访), due and, once made, when and with what finding. */
	record FollowUp(LocalDate dueOn, LocalDateTime visitedAt, Boolean performed, String notes) {
	}

	/** One step in the dispute's history, with the rung change if any. */
	record Move(LocalDateTime at, String action, String actor, String fromRung, String toRung, String reason) {
	}

}
