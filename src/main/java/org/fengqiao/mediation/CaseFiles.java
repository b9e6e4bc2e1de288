package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.organisation.Staffing;
import org.fengqiao.platform.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a dispute's case file (一案一卷) for people and documents: the staff view, the
 * applicant's tracking view, the mediators who may take it, and the agreement and archive
 * documents.
 */
@Component
class CaseFiles {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final Disputes disputes;

	private final CaseDocuments documents;

	private final MediationBodies bodies;

	private final Staffing staffing;

	private final RiskRules rules;

	private final MessageSource messages;

	private final Clock clock;

	private final org.fengqiao.platform.FieldCipher cipher;

	CaseFiles(Disputes disputes, CaseDocuments documents, MediationBodies bodies, Staffing staffing, RiskRules rules,
			MessageSource messages, Clock clock, org.fengqiao.platform.FieldCipher cipher) {
		this.cipher = cipher;
		this.disputes = disputes;
		this.documents = documents;
		this.bodies = bodies;
		this.staffing = staffing;
		this.rules = rules;
		this.messages = messages;
		this.clock = clock;
	}

	List<RiskRules.Rule> riskRules() {
		return rules.rules();
	}

	/** Everything staff see of a dispute (parties' personal data masked). */
	@Schema(name = "DisputeView")
	record DisputeView(UUID id, String trackingCode, String source, String sourceRef, DisputeType type,
			String description, BigDecimal amount, int peopleCount, Dispute.State state, Rung rung, String bodyCode,
			String bodyName, Instant rungSince, @Schema(description = "the rung's time limit") Instant rungDue,
			@Schema(description = "open and past the rung's time limit") boolean overdue, RiskColour riskColour,
			@Schema(description = "may turn criminal (民转刑)") boolean criminalRisk,
			@Schema(description = "may become a group petition") boolean petitionRisk, String villageCode,
			String townshipCode, String areaCode, Double lon, Double lat, Instant registeredAt, String registeredBy,
			Dispute.Outcome outcome, Dispute.Referral referredTo, Instant mediationStartedAt, Instant agreedAt,
			Instant settledAt, Rung settledRung, Instant archivedAt, List<Disputes.Party> parties,
			List<Mediator> mediators, List<Disputes.Recusal> recusals, List<Disputes.Session> sessions,
			Disputes.Agreement agreement, List<Disputes.FollowUp> followUps, List<Disputes.HistoryEntry> history,
			@Schema(description = "the risk rules that fired at registration") List<String> riskRules) {
	}

	/** A mediator on the case, with their name. */
	@Schema(name = "DisputeMediator")
	record Mediator(long personId, String role, Instant assignedAt, String assignedBy, String name) {
	}

	/**
	 * What the applicant sees with the tracking code: no names, no personal data, no
	 * internal ids.
	 */
	@Schema(name = "DisputeTracking")
	record Tracking(String trackingCode, DisputeType type, Dispute.State state, Rung rung, String bodyName,
			Instant registeredAt, List<Step> steps,
			@Schema(description = "the next session not yet held; absent when none") @JsonInclude(JsonInclude.Include.NON_NULL) NextSession nextSession) {
	}

	/** A step of the case as the applicant sees it. */
	@Schema(name = "DisputeTrackingStep")
	record Step(String action, Instant at, String state, String rung) {
	}

	/** When and where the next session is. */
	@Schema(name = "DisputeNextSession")
	record NextSession(Instant startsAt, String room) {
	}

	/** A mediator who may take the dispute. */
	@Schema(name = "DisputeCandidate")
	record Candidate(long personId, String name, String bodyCode,
			@Schema(description = "the third-party pool the mediator belongs to, if any") String thirdParty,
			@Schema(description = "recused from this dispute (the system refuses them)") boolean recused,
			boolean assigned) {
	}

	/** Everything staff see of a dispute (parties' personal data masked). */
	@Transactional(readOnly = true)
	DisputeView view(UUID id) {
		Disputes.Loaded loaded = load(id);
		Dispute d = loaded.dispute();
		Disputes.Facts f = loaded.facts();
		List<Disputes.Assignment> assignments = disputes.mediators(id);
		Map<Long, String> names = staffing.namesOf(assignments.stream().map(Disputes.Assignment::personId).toList());
		List<Mediator> mediators = assignments.stream()
			.map(a -> new Mediator(a.personId(), a.role(), a.assignedAt(), a.assignedBy(), names.get(a.personId())))
			.toList();
		return new DisputeView(d.id, f.trackingCode(), f.source(), f.sourceRef(), f.type(), f.description(), f.amount(),
				f.peopleCount(), d.state(), d.rung(), d.bodyCode(), bodyName(d.bodyCode()), d.rungSince(), d.rungDue(),
				d.state().isOpen() && d.rungDue() != null && d.rungDue().isBefore(clock.instant()), d.riskColour(),
				d.criminalRisk(), f.petitionRisk(), f.villageCode(), f.townshipCode(), f.areaCode(), f.lon(), f.lat(),
				f.registeredAt(), f.registeredBy(), d.outcome(), d.referredTo(), d.mediationStartedAt(), d.agreedAt(),
				d.settledAt(), d.settledRung(), d.archivedAt(), disputes.parties(id), mediators, disputes.recusals(id),
				disputes.sessions(id), disputes.agreement(id).orElse(null), disputes.followUps(id),
				disputes.history(id), f.riskRules());
	}

	private String bodyName(String bodyCode) {
		return bodyCode == null ? null : bodies.body(bodyCode).map(MediationBodies.Body::name).orElse(null);
	}

	/** The applicant's view: no names, no personal data, no internal ids. */
	@Transactional(readOnly = true)
	Optional<Tracking> tracking(String code) {
		return disputes.idOfTrackingCode(code).map(id -> {
			Disputes.Loaded loaded = load(id);
			Dispute d = loaded.dispute();
			List<Step> steps = disputes.history(id)
				.stream()
				.map(h -> new Step(h.action(), h.at(), h.to(), h.toRung()))
				.toList();
			NextSession next = disputes.sessions(id)
				.stream()
				.filter(s -> s.heldAt() == null)
				.findFirst()
				.map(s -> new NextSession(s.startsAt(), s.roomName()))
				.orElse(null);
			return new Tracking(code, loaded.facts().type(), d.state(), d.rung(), bodyName(d.bodyCode()),
					loaded.facts().registeredAt(), steps, next);
		});
	}

	/**
	 * The mediators who may take the dispute now, recused ones marked (the system refuses
	 * them).
	 */
	@Transactional(readOnly = true)
	List<Candidate> candidates(UUID id) {
		Dispute d = load(id).dispute();
		Set<Long> recused = disputes.recusals(id).stream().map(Disputes.Recusal::personId).collect(Collectors.toSet());
		Set<Long> assigned = disputes.mediators(id)
			.stream()
			.map(Disputes.Assignment::personId)
			.collect(Collectors.toSet());
		List<MediationBodies.Mediator> all = new ArrayList<>();
		if (d.bodyCode() != null) {
			all.addAll(bodies.mediatorsOf(d.bodyCode()));
		}
		bodies.thirdPartyPool()
			.stream()
			.filter(p -> all.stream().noneMatch(a -> a.personId() == p.personId()))
			.forEach(all::add);
		return all.stream()
			.map(x -> new Candidate(x.personId(), x.name(), x.bodyCode(), x.thirdParty(),
					recused.contains(x.personId()), assigned.contains(x.personId())))
			.toList();
	}

	// --- documents
	// ----------------------------------------------------------------------------------------------

	@Transactional(readOnly = true)
	byte[] agreementPdf(UUID id) {
		return agreementPdf(id, false);
	}

	/**
	 * The agreement PDF; with {@code full} the parties' ID and phone numbers are printed
	 * in full, as the signed agreement needs them (the caller checks who may, and audits
	 * it).
	 */
	@Transactional(readOnly = true)
	byte[] agreementPdf(UUID id, boolean full) {
		CaseFile file = caseFile(id);
		if (full) {
			Map<Long, String[]> plain = disputes.partiesInFull(id, cipher);
			List<Disputes.Party> rows = disputes.parties(id);
			List<CaseFile.Party> parties = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				String[] values = plain.get(rows.get(i).id());
				CaseFile.Party masked = file.parties().get(i);
				parties.add(new CaseFile.Party(masked.side(), masked.kind(), masked.name(),
						values[0] != null ? values[0] : masked.idNumberMasked(),
						values[1] != null ? values[1] : masked.phoneMasked(), masked.address()));
			}
			file = file.withParties(parties);
		}
		if (!file.hasWrittenAgreement()) {
			throw DomainException.notFound("no-written-agreement", "This dispute has no written mediation agreement");
		}
		return documents.agreement(file);
	}

	@Transactional(readOnly = true)
	byte[] archivePdf(UUID id) {
		return documents.archive(caseFile(id));
	}

	@Transactional(readOnly = true)
	byte[] archiveZip(UUID id) {
		return documents.zip(caseFile(id));
	}

	CaseFile caseFile(UUID id) {
		DisputeView v = view(id);
		List<CaseFile.Party> parties = v.parties()
			.stream()
			.map(p -> new CaseFile.Party(p.side(), p.kind(), p.name(), p.idNumber(), p.phone(), p.address()))
			.toList();
		List<CaseFile.Session> sessions = v.sessions()
			.stream()
			.map(s -> new CaseFile.Session(local(s.startsAt()), s.roomName(), s.attendees(), s.minutes()))
			.toList();
		Disputes.Agreement a = v.agreement();
		CaseFile.MediationAgreement agreement = a == null ? null
				: new CaseFile.MediationAgreement(a.kind(), a.facts(), a.obligations(), a.performance(),
						a.performanceDue(), a.amount(), a.agreedOn(), a.confirmationDue(), a.confirmationCourt(),
						a.confirmationResult() == null ? null : text("dispute.confirmation." + a.confirmationResult()));
		List<CaseFile.FollowUp> followUps = v.followUps()
			.stream()
			.map(x -> new CaseFile.FollowUp(x.dueOn(), local(x.visitedAt()), x.performed(), x.notes()))
			.toList();
		List<CaseFile.Move> history = v.history()
			.stream()
			.map(h -> new CaseFile.Move(local(h.at()), text("dispute.action." + h.action()), h.actor(),
					h.fromRung() == null ? null : text("dispute.rung." + h.fromRung()),
					text("dispute.rung." + h.toRung()), h.reason()))
			.toList();
		return new CaseFile(v.trackingCode(), text("dispute.type." + v.type()), text("dispute.source." + v.source()),
				v.description(), v.bodyName(), text("dispute.rung." + v.rung()),
				text("dispute.colour." + v.riskColour()), v.criminalRisk(), local(v.registeredAt()), parties, sessions,
				agreement, followUps, history, v.outcome() == null ? null : text("dispute.outcome." + v.outcome()),
				local(v.archivedAt()));
	}

	private String text(String key) {
		return messages.getMessage(key, null, key, CHINESE);
	}

	private LocalDateTime local(Instant i) {
		return i == null ? null : LocalDateTime.ofInstant(i, clock.getZone());
	}

	private Disputes.Loaded load(UUID id) {
		return disputes.load(id).orElseThrow(() -> DomainException.notFound("no-such-dispute", "No dispute " + id));
	}

}
