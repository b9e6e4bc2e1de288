package org.fengqiao.mediation;

import org.springframework.stereotype.Component;

/** Placeholder until the PDF renderer lands (replaced in the same change). */
@Component
class Documents {

	record CaseFile(String trackingCode, String typeName, String source, String description, String bodyName,
			String rungName, String riskColourName, boolean criminalRisk, java.time.LocalDateTime registeredAt,
			java.util.List<Party> parties, java.util.List<Session> sessions, Agreement agreement,
			java.util.List<FollowUp> followUps, java.util.List<Move> history, String outcomeName,
			java.time.LocalDateTime archivedAt) {
	}

	record Party(String side, String kind, String name, String idNumberMasked, String phoneMasked, String address) {
	}

	record Session(java.time.LocalDateTime startsAt, String roomName, String attendees, String minutes) {
	}

	record Agreement(String kind, String facts, String obligations, String performance, java.time.LocalDate performanceDue,
			java.math.BigDecimal amount, java.time.LocalDate agreedOn, java.time.LocalDate confirmationDue,
			String confirmationCourt, String confirmationResult) {
	}

	record FollowUp(java.time.LocalDate dueOn, java.time.LocalDateTime visitedAt, Boolean performed, String notes) {
	}

	record Move(java.time.LocalDateTime at, String action, String actor, String fromRung, String toRung, String reason) {
	}

	byte[] agreement(CaseFile c) {
		throw new UnsupportedOperationException();
	}

	byte[] archive(CaseFile c) {
		throw new UnsupportedOperationException();
	}

	byte[] zip(CaseFile c) {
		throw new UnsupportedOperationException();
	}
}
