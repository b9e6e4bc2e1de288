package org.fengqiao.mediation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.organisation.Staffing;
import org.fengqiao.platform.DomainException;
import org.fengqiao.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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
	@Transactional(readOnly = true)
	Map<String, Object> view(UUID id) {
		Disputes.Loaded loaded = load(id);
		Dispute d = loaded.dispute();
		Disputes.Facts f = loaded.facts();
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", d.id);
		m.put("trackingCode", f.trackingCode());
		m.put("source", f.source());
		m.put("sourceRef", f.sourceRef());
		m.put("type", f.type().name());
		m.put("description", f.description());
		m.put("amount", f.amount());
		m.put("peopleCount", f.peopleCount());
		m.put("state", d.state().name());
		m.put("rung", d.rung().name());
		m.put("bodyCode", d.bodyCode());
		m.put("bodyName",
				d.bodyCode() == null ? null : bodies.body(d.bodyCode()).map(MediationBodies.Body::name).orElse(null));
		m.put("rungSince", d.rungSince());
		m.put("rungDue", d.rungDue());
		m.put("overdue", d.state().isOpen() && d.rungDue() != null && d.rungDue().isBefore(clock.instant()));
		m.put("riskColour", d.riskColour().name());
		m.put("criminalRisk", d.criminalRisk());
		m.put("petitionRisk", f.petitionRisk());
		m.put("villageCode", f.villageCode());
		m.put("townshipCode", f.townshipCode());
		m.put("areaCode", f.areaCode());
		m.put("lon", f.lon());
		m.put("lat", f.lat());
		m.put("registeredAt", f.registeredAt());
		m.put("registeredBy", f.registeredBy());
		m.put("outcome", d.outcome() == null ? null : d.outcome().name());
		m.put("referredTo", d.referredTo() == null ? null : d.referredTo().name());
		m.put("mediationStartedAt", d.mediationStartedAt());
		m.put("agreedAt", d.agreedAt());
		m.put("settledAt", d.settledAt());
		m.put("settledRung", d.settledRung() == null ? null : d.settledRung().name());
		m.put("archivedAt", d.archivedAt());
		m.put("parties", disputes.parties(id));
		List<Map<String, Object>> mediators = disputes.mediators(id);
		Map<Long, String> names = staffing.namesOf(mediators.stream().map(x -> (Long) x.get("personId")).toList());
		mediators.forEach(x -> x.put("name", names.get((Long) x.get("personId"))));
		m.put("mediators", mediators);
		m.put("recusals", disputes.recusals(id));
		m.put("sessions", disputes.sessions(id));
		m.put("agreement", disputes.agreement(id).orElse(null));
		m.put("followUps", disputes.followUps(id));
		m.put("history", disputes.history(id));
		m.put("riskRules", f.riskRules());
		return m;
	}

	/** The applicant's view: no names, no personal data, no internal ids. */
	@Transactional(readOnly = true)
	Optional<Map<String, Object>> tracking(String code) {
		return disputes.idOfTrackingCode(code).map(id -> {
			Disputes.Loaded loaded = load(id);
			Dispute d = loaded.dispute();
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("trackingCode", code);
			m.put("type", loaded.facts().type().name());
			m.put("state", d.state().name());
			m.put("rung", d.rung().name());
			m.put("bodyName", d.bodyCode() == null ? null
					: bodies.body(d.bodyCode()).map(MediationBodies.Body::name).orElse(null));
			m.put("registeredAt", loaded.facts().registeredAt());
			m.put("steps", disputes.history(id).stream().map(h -> {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("action", h.get("action"));
				s.put("at", h.get("at"));
				s.put("state", h.get("to"));
				s.put("rung", h.get("toRung"));
				return s;
			}).toList());
			disputes.sessions(id)
				.stream()
				.filter(s -> s.get("heldAt") == null)
				.findFirst()
				.ifPresent(s -> m.put("nextSession", Map.of("startsAt", s.get("startsAt"), "room", s.get("roomName"))));
			return m;
		});
	}

	/**
	 * The mediators who may take the dispute now, recused ones marked (the system refuses
	 * them).
	 */
	@Transactional(readOnly = true)
	List<Map<String, Object>> candidates(UUID id) {
		Dispute d = load(id).dispute();
		Set<Long> recused = disputes.recusals(id)
			.stream()
			.map(r -> (Long) r.get("personId"))
			.collect(Collectors.toSet());
		Set<Long> assigned = disputes.mediators(id)
			.stream()
			.map(r -> (Long) r.get("personId"))
			.collect(Collectors.toSet());
		List<MediationBodies.Mediator> all = new ArrayList<>();
		if (d.bodyCode() != null) {
			all.addAll(bodies.mediatorsOf(d.bodyCode()));
		}
		bodies.thirdPartyPool()
			.stream()
			.filter(p -> all.stream().noneMatch(a -> a.personId() == p.personId()))
			.forEach(all::add);
		return all.stream().map(x -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("personId", x.personId());
			m.put("name", x.name());
			m.put("bodyCode", x.bodyCode());
			m.put("thirdParty", x.thirdParty());
			m.put("recused", recused.contains(x.personId()));
			m.put("assigned", assigned.contains(x.personId()));
			return m;
		}).toList();
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
			List<Map<String, Object>> rows = disputes.parties(id);
			List<CaseFile.Party> parties = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				String[] values = plain.get((Long) rows.get(i).get("id"));
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

	@SuppressWarnings("unchecked")
	CaseFile caseFile(UUID id) {
		Map<String, Object> v = view(id);
		List<CaseFile.Party> parties = ((List<Map<String, Object>>) v.get("parties")).stream()
			.map(p -> new CaseFile.Party((String) p.get("side"), (String) p.get("kind"), (String) p.get("name"),
					(String) p.get("idNumber"), (String) p.get("phone"), (String) p.get("address")))
			.toList();
		List<CaseFile.Session> sessions = ((List<Map<String, Object>>) v.get("sessions")).stream()
			.map(s -> new CaseFile.Session(local((Instant) s.get("startsAt")), (String) s.get("roomName"),
					(String) s.get("attendees"), (String) s.get("minutes")))
			.toList();
		Map<String, Object> a = (Map<String, Object>) v.get("agreement");
		CaseFile.MediationAgreement agreement = a == null ? null
				: new CaseFile.MediationAgreement((String) a.get("kind"), (String) a.get("facts"),
						(String) a.get("obligations"), (String) a.get("performance"),
						(LocalDate) a.get("performanceDue"), (java.math.BigDecimal) a.get("amount"),
						(LocalDate) a.get("agreedOn"), (LocalDate) a.get("confirmationDue"),
						(String) a.get("confirmationCourt"), a.get("confirmationResult") == null ? null
								: text("dispute.confirmation." + a.get("confirmationResult")));
		List<CaseFile.FollowUp> followUps = ((List<Map<String, Object>>) v.get("followUps")).stream()
			.map(x -> new CaseFile.FollowUp((LocalDate) x.get("dueOn"), local((Instant) x.get("visitedAt")),
					(Boolean) x.get("performed"), (String) x.get("notes")))
			.toList();
		List<CaseFile.Move> history = ((List<Map<String, Object>>) v.get("history")).stream()
			.map(h -> new CaseFile.Move(local((Instant) h.get("at")), text("dispute.action." + h.get("action")),
					(String) h.get("actor"),
					h.get("fromRung") == null ? null : text("dispute.rung." + h.get("fromRung")),
					text("dispute.rung." + h.get("toRung")), (String) h.get("reason")))
			.toList();
		return new CaseFile((String) v.get("trackingCode"), text("dispute.type." + v.get("type")),
				text("dispute.source." + v.get("source")), (String) v.get("description"), (String) v.get("bodyName"),
				text("dispute.rung." + v.get("rung")), text("dispute.colour." + v.get("riskColour")),
				(Boolean) v.get("criminalRisk"), local((Instant) v.get("registeredAt")), parties, sessions, agreement,
				followUps, history, v.get("outcome") == null ? null : text("dispute.outcome." + v.get("outcome")),
				local((Instant) v.get("archivedAt")));
	}

	private String text(String key) {
		return messages.getMessage(key, null, key, CHINESE);
	}

	private LocalDateTime local(Instant i) {
		return i == null ? null : LocalDateTime.ofInstant(i, clock.getZone());
	}

	private Disputes.Loaded load(UUID id) {
		return disputes.load(id)
			.orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "no-such-dispute", "Not found", "No dispute " + id));
	}

}
