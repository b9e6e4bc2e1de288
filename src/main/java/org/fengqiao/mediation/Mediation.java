package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.geo.GridLocator;
import org.fengqiao.geo.Location;
import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mediation work on disputes: registration from every source, the ladder, mediators
 * and recusal, sessions, outcomes, judicial confirmation, follow-ups and the archive.
 * Every change loads the aggregate, asks it to move, and saves it with its version in one
 * transaction; bad input is refused before anything is written.
 */
@Service
class Mediation {

	/** A request refused: the HTTP status, a problem type and a message for people. */
	static final class Refused extends RuntimeException {

		final HttpStatus status;

		final String type;

		final Object current;

		Refused(HttpStatus status, String type, String message) {
			this(status, type, message, null);
		}

		Refused(HttpStatus status, String type, String message, Object current) {
			super(message);
			this.status = status;
			this.type = type;
			this.current = current;
		}

	}

	/** A party as entered. */
	record PartyInput(String side, String kind, String name, String idNumber, String phone, String villageCode,
			String address) {
	}

	/**
	 * A dispute to register. Place: a point, or a village code when the applicant gives
	 * no point.
	 */
	record Registration(String source, String sourceRef, String type, List<PartyInput> parties, Double lon, Double lat,
			String villageCode, BigDecimal amount, Integer peopleCount, String description, String riskColour,
			Boolean criminalRisk, String overrideReason) {
	}

	/**
	 * A resident's application: the applicant, the other party and what the dispute is
	 * about.
	 */
	record Application(String type, String applicantName, String applicantPhone, String applicantIdNumber,
			String respondentName, String villageCode, Double lon, Double lat, String description, BigDecimal amount,
			Integer peopleCount) {
	}

	/** What registration answers. */
	record Registered(UUID id, String trackingCode, boolean created) {
	}

	/** The contents of an agreement. */
	record MediationAgreementInput(String kind, String facts, String obligations, String performance,
			LocalDate performanceDue, BigDecimal amount) {
	}

	static final List<String> SOURCES = List.of("SCREENING", "APPLICATION", "WHISTLE", "COURT", "POLICE");

	private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

	private final Disputes disputes;

	private final Ladder ladder;

	private final RiskRules rules;

	private final MediationBodies bodies;

	private final GridLocator locator;

	private final GridDirectory directory;

	private final FieldCipher cipher;

	private final Clock clock;

	private final Duration followUpAfter;

	private final SecureRandom random = new SecureRandom();

	private final org.springframework.context.ApplicationEventPublisher events;

	Mediation(Disputes disputes, Ladder ladder, RiskRules rules, MediationBodies bodies, GridLocator locator,
			GridDirectory directory, FieldCipher cipher, Clock clock,
			@Value("${fengqiao.mediation.follow-up-after:15d}") Duration followUpAfter,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.disputes = disputes;
		this.ladder = ladder;
		this.rules = rules;
		this.bodies = bodies;
		this.locator = locator;
		this.directory = directory;
		this.cipher = cipher;
		this.clock = clock;
		this.followUpAfter = followUpAfter;
	}

	// --- registration
	// -----------------------------------------------------------------------------------------

	/**
	 * A resident applies for mediation (public page or API): the applicant must give a
	 * mobile number.
	 */
	@Transactional
	Registered apply(Application a) {
		if (a.applicantPhone() == null || a.applicantPhone().isBlank()) {
			throw bad("missing-phone", "Give a mobile number so the mediator can reach you");
		}
		List<PartyInput> parties = List.of(
				new PartyInput("APPLICANT", "PERSON", a.applicantName(), a.applicantIdNumber(), a.applicantPhone(),
						a.villageCode(), null),
				new PartyInput("RESPONDENT", "PERSON", a.respondentName(), null, null, a.villageCode(), null));
		return register(new Registration("APPLICATION", null, a.type(), parties, a.lon(), a.lat(), a.villageCode(),
				a.amount(), a.peopleCount(), a.description(), null, null, null), "resident");
	}

	@Transactional
	Registered register(Registration r, String actor) {
		return register(r, actor, area -> true);
	}

	/**
	 * Registers a dispute whose place must be in the registering person's area
	 * ({@code allowed}); 403 otherwise.
	 */
	@Transactional
	Registered register(Registration r, String actor, java.util.function.Predicate<String> allowed) {
		String source = r.source() == null ? "SCREENING" : r.source().strip().toUpperCase();
		if (!SOURCES.contains(source)) {
			throw bad("bad-source", "Unknown source " + r.source() + "; one of " + SOURCES);
		}
		if (!DisputeType.isKnown(r.type())) {
			throw bad("bad-type", "Unknown dispute type " + r.type());
		}
		String description = r.description() == null ? "" : r.description().strip();
		if (description.isEmpty() || description.length() > 4000) {
			throw bad("bad-description", "Describe the dispute (1 to 4000 characters)");
		}
		String sourceRef = r.sourceRef() == null || r.sourceRef().isBlank() ? null : r.sourceRef().strip();
		if ((source.equals("COURT") || source.equals("POLICE") || source.equals("WHISTLE")) && sourceRef == null) {
			throw bad("missing-reference", "A referral from " + source.toLowerCase() + " needs its reference number");
		}
		if (sourceRef != null && sourceRef.length() > 64) {
			throw bad("bad-reference", "A reference has at most 64 characters");
		}
		checkAmount(r.amount());
		int people = r.peopleCount() == null ? Math.max(2, r.parties() == null ? 2 : r.parties().size())
				: r.peopleCount();
		if (people < 1 || people > 100_000) {
			throw bad("bad-people-count", "The number of people involved must be between 1 and 100000");
		}
		List<PartyInput> parties = r.parties() == null ? List.of() : r.parties();
		if (!source.equals("WHISTLE") && parties.size() < 2) {
			throw bad("missing-parties", "A dispute has at least two parties (an applicant and a respondent)");
		}
		if (parties.size() > 50) {
			throw bad("too-many-parties", "At most 50 parties; register the rest in the description");
		}
		List<Disputes.NewParty> sealed = new ArrayList<>();
		for (int i = 0; i < parties.size(); i++) {
			sealed.add(party(parties.get(i), i));
		}
		// Where: a point inside the county, or a village of the county.
		String villageCode = null, townshipCode = null, gridCode = null, microCode = null;
		if (r.lon() != null || r.lat() != null) {
			if (!org.fengqiao.geo.Coordinates.valid(r.lon(), r.lat())) {
				throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "bad-coordinates",
						"Bad coordinates: " + org.fengqiao.geo.Coordinates.RULE);
			}
			Location at = locator.locate(r.lon(), r.lat())
				.orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "outside-county",
						"The place is outside the county"));
			villageCode = at.village() == null ? null : at.village().code();
			townshipCode = at.township() == null ? null : at.township().code();
			gridCode = at.grid() == null ? null : at.grid().code();
			microCode = at.microGrid() == null ? null : at.microGrid().code();
		}
		else if (r.villageCode() != null && !r.villageCode().isBlank()) {
			String code = r.villageCode().strip();
			var village = directory.division(code)
				.filter(d -> d.level().equals("VILLAGE"))
				.orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-village",
						"No village of the county has the code " + code));
			villageCode = village.code();
			townshipCode = village.parentCode();
		}
		else {
			throw bad("missing-place", "Give the place as lon/lat or a village code");
		}
		for (int i = 0; i < parties.size(); i++) {
			String v = parties.get(i).villageCode();
			if (v != null && !v.isBlank() && directory.division(v.strip()).isEmpty()) {
				throw bad("unknown-village", "Party " + (i + 1) + ": no village of the county has the code " + v);
			}
		}
		// Risk: the rules propose, a person may override with a reason.
		DisputeType type = DisputeType.valueOf(r.type());
		RiskRules.Proposal proposal = rules.propose(new RiskRules.Facts(type, r.amount(), people, description,
				disputes.earlierDisputesBetween(sealed.stream().map(Disputes.NewParty::partyKey).toList())));
		RiskColour colour = proposal.colour();
		boolean criminal = proposal.criminal();
		String overrideReason = r.overrideReason() == null || r.overrideReason().isBlank() ? null
				: r.overrideReason().strip();
		if (r.riskColour() != null && !r.riskColour().isBlank()) {
			colour = colour(r.riskColour());
		}
		if (r.criminalRisk() != null) {
			criminal = r.criminalRisk();
		}
		boolean overridden = colour != proposal.colour() || criminal != proposal.criminal();
		if (overridden && overrideReason == null) {
			throw bad("missing-override-reason",
					"Changing the proposed risk colour or civil-to-criminal flag needs a reason");
		}
		List<String> partyVillages = sealed.stream().map(Disputes.NewParty::villageCode).toList();
		Ladder.Placement placement = ladder.start(new Ladder.Place(microCode, villageCode, townshipCode, partyVillages),
				colour);
		Instant now = clock.instant();
		UUID id = UUID.randomUUID();
		Dispute dispute = Dispute.register(id, actor, now, placement.rung(), placement.bodyCode(), ladder.dueFrom(now),
				colour, criminal, placement.reason());
		String area = microCode != null ? microCode : gridCode != null ? gridCode : villageCode;
		if (!allowed.test(area)) {
			throw new Refused(HttpStatus.FORBIDDEN, "out-of-scope", "The place of the dispute is outside your area");
		}
		if (sourceRef != null) {
			Optional<UUID> existing = disputes.idOfSource(source, sourceRef);
			if (existing.isPresent()) {
				return duplicate(source, existing.get(), allowed);
			}
		}
		String code = trackingCode();
		Disputes.Facts facts = new Disputes.Facts(code, source, sourceRef, type, description, r.amount(), people,
				villageCode, townshipCode, area, gridCode, r.lon(), r.lat(), now, actor, proposal.petition(),
				proposal.rules());
		if (!disputes.insert(dispute, facts, proposal, overridden ? overrideReason : null, sealed)) {
			// Registered meanwhile by a concurrent request with the same reference.
			return duplicate(source, disputes.idOfSource(source, sourceRef).orElseThrow(), allowed);
		}
		return new Registered(id, code, true);
	}

	/**
	 * The source record is already a dispute: harmless for a whistle delivered twice, a
	 * conflict for a referral (the existing dispute is named only to someone who may see
	 * it).
	 */
	private Registered duplicate(String source, UUID existing, java.util.function.Predicate<String> allowed) {
		if (source.equals("WHISTLE")) {
			return new Registered(existing, null, false);
		}
		boolean visible = disputes.load(existing).map(l -> allowed.test(l.facts().areaCode())).orElse(false);
		throw new Refused(HttpStatus.CONFLICT, "duplicate-referral",
				"This " + source.toLowerCase() + " reference is already registered as a dispute",
				visible ? existing : null);
	}

	private Disputes.NewParty party(PartyInput p, int index) {
		String where = "Party " + (index + 1) + ": ";
		if (p == null) {
			throw bad("bad-party", where + "missing");
		}
		String side = p.side() == null ? (index == 0 ? "APPLICANT" : "RESPONDENT") : p.side().strip().toUpperCase();
		if (!side.equals("APPLICANT") && !side.equals("RESPONDENT")) {
			throw bad("bad-party", where + "side is APPLICANT or RESPONDENT");
		}
		String kind = p.kind() == null ? "PERSON" : p.kind().strip().toUpperCase();
		if (!kind.equals("PERSON") && !kind.equals("ORGANISATION")) {
			throw bad("bad-party", where + "kind is PERSON or ORGANISATION");
		}
		String name = p.name() == null ? "" : p.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw bad("bad-party", where + "a name of 1 to 100 characters is needed");
		}
		String idKey = null, idHash = null, idMasked = null, phoneKey = null, phoneHash = null, phoneMasked = null;
		byte[] idSealed = null, phoneSealed = null;
		if (p.idNumber() != null && !p.idNumber().isBlank()) {
			if (!kind.equals("PERSON") || !PersonalData.isValidIdNumber(p.idNumber())) {
				throw bad("invalid-id-number",
						where + "the resident ID number is not valid (length, birth date or check digit)");
			}
			String n = PersonalData.normaliseIdNumber(p.idNumber());
			FieldCipher.Sealed s = cipher.seal(n);
			idKey = s.keyId();
			idSealed = s.value();
			idHash = cipher.lookupHash(n);
			idMasked = PersonalData.maskIdNumber(n);
		}
		if (p.phone() != null && !p.phone().isBlank()) {
			if (!PersonalData.isValidMobile(p.phone())) {
				throw bad("invalid-phone", where + "the mobile number is not valid");
			}
			String n = PersonalData.normalisePhone(p.phone());
			FieldCipher.Sealed s = cipher.seal(n);
			phoneKey = s.keyId();
			phoneSealed = s.value();
			phoneHash = cipher.lookupHash(n);
			phoneMasked = PersonalData.maskPhone(n);
		}
		String village = p.villageCode() == null || p.villageCode().isBlank() ? null : p.villageCode().strip();
		String partyKey = Disputes.partyKey(cipher, idHash, kind, name, village);
		String address = p.address() == null || p.address().isBlank() ? null : p.address().strip();
		if (address != null && address.length() > 200) {
			throw bad("bad-party", where + "the address has at most 200 characters");
		}
		return new Disputes.NewParty(side, kind, name, idKey, idSealed, idHash, idMasked, phoneKey, phoneSealed,
				phoneHash, phoneMasked, village, address, partyKey);
	}

	// --- who may act
	// ----------------------------------------------------------------------------------------------

	/**
	 * The person acting: their account, their person (if any), and whether they lead the
	 * area (command, township).
	 */
	record Actor(String username, Long personId, boolean chief) {
	}

	/**
	 * Checks that the actor may do this to the dispute (the caller has already checked
	 * the data scope; every change checks again under the dispute's row lock): the
	 * command centre and township staff may act on every dispute of their area; a
	 * mediator acts on the disputes they are mediating, may take or assign on disputes of
	 * the body they serve, may recuse themselves, and does nothing on a dispute they
	 * recused from.
	 */
	@Transactional(readOnly = true)
	void authorise(UUID id, Actor actor, DisputeAction action, Long targetPerson) {
		permitted(load(id), actor, action, targetPerson);
	}

	/**
	 * {@link #authorise} on a loaded (and locked) dispute, by the table in
	 * {@link DisputePermissions}; answers the name to record the change under.
	 */
	private String permitted(Disputes.Loaded loaded, Actor actor, DisputeAction action, Long targetPerson) {
		// The data scope was checked by the caller (DisputeAccess.requireInScope, 404
		// outside it).
		Set<DisputePermissions.Relation> relations = EnumSet.of(DisputePermissions.Relation.IN_SCOPE);
		DisputePermissions.Role role = actor.chief() ? DisputePermissions.Role.CHIEF : DisputePermissions.Role.MEDIATOR;
		if (!actor.chief()) {
			UUID id = loaded.dispute().id;
			String bodyCode = loaded.dispute().bodyCode();
			Long me = actor.personId();
			if (me == null) {
				throw new Refused(HttpStatus.FORBIDDEN, "not-your-case", "Your account is not a mediator's");
			}
			if (disputes.isRecused(id, me)) {
				relations.add(DisputePermissions.Relation.RECUSED);
			}
			if (disputes.isAssigned(id, me)) {
				relations.add(DisputePermissions.Relation.ON_CASE);
			}
			if (bodyCode != null && bodies.mediatorsOf(bodyCode).stream().anyMatch(m -> m.personId() == me)) {
				relations.add(DisputePermissions.Relation.OF_BODY);
			}
			if (me.equals(targetPerson)) {
				relations.add(DisputePermissions.Relation.SELF);
			}
		}
		if (!DisputePermissions.requirement(action, role).metBy(relations)) {
			if (relations.contains(DisputePermissions.Relation.RECUSED)) {
				throw new Refused(HttpStatus.FORBIDDEN, "recused", "You recused from this dispute");
			}
			throw new Refused(HttpStatus.FORBIDDEN, "not-your-case",
					"Only the dispute's mediators (or its body's, to take it) may do this");
		}
		return actor.username();
	}

	// --- mediators
	// ---------------------------------------------------------------------------------------------

	/**
	 * Puts a mediator on the case: one of the current body's mediators, or a third-party
	 * mediator from the county's pool. A mediator who recused from this dispute is
	 * refused; a mediator who is a party is recused by the system (recorded, and
	 * refused).
	 */
	@Transactional(noRollbackFor = Refused.class)
	void assign(UUID id, long personId, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.ASSIGN, personId);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.ASSIGN);
		MediationBodies.Mediator mediator = mediator(personId);
		if (disputes.isRecused(id, personId)) {
			throw new Refused(HttpStatus.CONFLICT, "recused",
					mediator.name() + " recused from this dispute and cannot be assigned to it", d.state());
		}
		Instant now = clock.instant();
		if (mediator.idNumberHash() != null && disputes.isParty(id, mediator.idNumberHash())) {
			disputes.recuse(id, personId, "调解员本人为当事人，依法回避", now, "system");
			d.note(DisputeAction.RECUSE.word(), DisputeAction.RECUSE, "system", now,
					mediator.name() + "：调解员本人为当事人，依法回避");
			disputes.save(d, loaded.version());
			throw new Refused(HttpStatus.CONFLICT, "recused",
					mediator.name() + " is a party to this dispute and must recuse", d.state());
		}
		boolean ofBody = d.bodyCode() != null
				&& bodies.mediatorsOf(d.bodyCode()).stream().anyMatch(m -> m.personId() == personId);
		if (!ofBody && !mediator.isThirdParty()) {
			throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "not-a-mediator-here",
					mediator.name() + " does not mediate for the dispute's current body " + d.bodyCode());
		}
		if (disputes.isAssigned(id, personId)) {
			return;
		}
		String role = mediator.isThirdParty() ? "THIRD_PARTY" : disputes.mediators(id).isEmpty() ? "LEAD" : "MEMBER";
		disputes.assign(id, personId, role, now, actor);
		d.assign(actor, now, mediator.name());
		disputes.save(d, loaded.version());
	}

	/**
	 * A mediator related to a party steps aside: recorded, released from the case, and
	 * never assignable to it.
	 */
	@Transactional
	void recuse(UUID id, long personId, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.RECUSE, personId);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.RECUSE);
		String why = text(reason, 500, "missing-reason", "Say why the mediator recuses (e.g. a relative of a party)");
		MediationBodies.Mediator mediator = mediator(personId);
		Instant now = clock.instant();
		disputes.recuse(id, personId, why, now, actor);
		disputes.release(id, personId, now);
		d.note(DisputeAction.RECUSE.word(), DisputeAction.RECUSE, actor, now, mediator.name() + "：" + why);
		disputes.save(d, loaded.version());
	}

	/** Adds a party found later (a dispute from a whistle arrives without parties). */
	@Transactional
	void addParty(UUID id, PartyInput party, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.PARTY, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.PARTY);
		if (party == null) {
			throw bad("bad-party", "Send the party as JSON");
		}
		int index = disputes.parties(id).size();
		if (index >= 50) {
			throw bad("too-many-parties", "At most 50 parties");
		}
		Disputes.NewParty sealed = party(party, index);
		disputes.insertParty(id, sealed);
		// The move names the party by side and number, not by name: names are sealed, the
		// history is not.
		d.note(DisputeAction.PARTY.word(), DisputeAction.PARTY, actor, clock.instant(),
				sealed.side() + " " + (index + 1));
		disputes.save(d, loaded.version());
	}

	// --- sessions
	// ------------------------------------------------------------------------------------------------

	@Transactional
	long scheduleSession(UUID id, String roomCode, Instant startsAt, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.SESSION, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.SESSION);
		var room = roomCode == null ? Optional.<Disputes.Room>empty() : disputes.room(roomCode);
		if (room.isEmpty()) {
			throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-room",
					"No mediation room has the code " + roomCode);
		}
		if (startsAt == null) {
			throw bad("missing-time", "Give the session's start time");
		}
		long session = disputes.scheduleSession(id, roomCode, startsAt);
		d.note("session-scheduled", DisputeAction.SESSION, actor, clock.instant(), room.get().name());
		disputes.save(d, loaded.version());
		return session;
	}

	@Transactional
	void recordSession(UUID id, long sessionId, String attendees, String minutes, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.SESSION, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.SESSION);
		if (attendees == null || attendees.isBlank() || minutes == null || minutes.isBlank()) {
			throw bad("missing-minutes", "Record who attended and the minutes of the session");
		}
		if (minutes.length() > 20_000 || attendees.length() > 2_000) {
			throw bad("too-long", "Minutes at most 20000 characters, attendees at most 2000");
		}
		Instant now = clock.instant();
		if (disputes.recordSession(id, sessionId, attendees.strip(), minutes.strip(), now, actor) == 0) {
			throw new Refused(HttpStatus.NOT_FOUND, "no-such-session",
					"The dispute has no unrecorded session " + sessionId);
		}
		d.note("session-held", DisputeAction.SESSION, actor, now, attendees.strip());
		disputes.save(d, loaded.version());
	}

	// --- outcomes
	// -------------------------------------------------------------------------------------------------

	/**
	 * The parties agree: written (a 调解协议书 with the statutory contents; the parties may
	 * apply for judicial confirmation within 30 days) or oral (recorded). Needs at least
	 * one session held. A follow-up visit is scheduled for after the performance date.
	 */
	@Transactional
	void agree(UUID id, MediationAgreementInput a, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.AGREE, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.AGREE);
		if (a == null) {
			throw bad("bad-agreement", "Send the agreement as JSON");
		}
		if (disputes.heldSessions(id, d.rungSince()) == 0) {
			throw new Refused(HttpStatus.CONFLICT, "no-session",
					"An agreement needs at least one mediation session held and recorded on this rung", d.state());
		}
		String kind = a.kind() == null ? "WRITTEN" : a.kind().strip().toUpperCase();
		if (!kind.equals("WRITTEN") && !kind.equals("ORAL")) {
			throw bad("bad-agreement", "An agreement is WRITTEN or ORAL");
		}
		String statement = "An agreement states the facts and dispute, the obligations, and the manner and time of performance"
				+ " (each at most 4000 characters)";
		String facts = text(a.facts(), 4000, "bad-agreement", statement);
		String obligations = text(a.obligations(), 4000, "bad-agreement", statement);
		String performance = text(a.performance(), 4000, "bad-agreement", statement);
		checkAmount(a.amount());
		if (kind.equals("WRITTEN") && disputes.parties(id).size() < 2) {
			throw new Refused(HttpStatus.CONFLICT, "missing-parties",
					"A written agreement names at least two parties: add the parties first", d.state());
		}
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		if (a.performanceDue() != null && a.performanceDue().isBefore(today)) {
			throw bad("bad-agreement", "The performance date cannot be in the past");
		}
		disputes.insertAgreement(id, kind, facts, obligations, performance, a.performanceDue(), a.amount(), today,
				kind.equals("WRITTEN") ? today.plusDays(30) : null);
		LocalDate followUp = (a.performanceDue() != null ? a.performanceDue() : today).plusDays(followUpAfter.toDays());
		disputes.scheduleFollowUp(id, followUp);
		d.agree(actor, now, kind.equals("WRITTEN"), kind.equals("WRITTEN") ? "书面调解协议" : "口头调解协议");
		disputes.save(d, loaded.version());
	}

	/**
	 * Mediation failed: the dispute climbs to the next rung's body, or mediation ends
	 * with notice of other remedies (also after an agreement that was not performed or
	 * that a court refused to confirm).
	 */
	@Transactional
	void fail(UUID id, boolean escalate, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.FAIL, null);
		Dispute d = loaded.dispute();
		d.check(escalate ? DisputeAction.FAIL : DisputeAction.TERMINATE);
		String why = text(reason, 2000, "missing-reason", "Say why mediation failed (at most 2000 characters)");
		Instant now = clock.instant();
		if (escalate) {
			Rung next = d.rung()
				.next()
				.orElseThrow(() -> new Refused(HttpStatus.CONFLICT, "top-rung",
						"The county is the top rung: refer the dispute out or terminate mediation", d.state()));
			Ladder.Placement to = ladder.placeAt(next, place(loaded), why);
			d.failAndEscalate(actor, now, to.bodyCode(), ladder.dueFrom(now), why);
			if (d.rung() != to.rung()) {
				// The next rung has no body here: climb on to the one that has.
				d.escalate(actor, now, to.rung(), to.bodyCode(), ladder.dueFrom(now), "上一级无调解组织");
			}
			leaveRung(id, now);
		}
		else {
			d.terminate(actor, now, "终止调解，已告知当事人可通过仲裁、行政、司法等途径维护权利：" + why);
		}
		disputes.save(d, loaded.version());
		if (escalate) {
			events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), now));
		}
	}

	/**
	 * Leaving a rung: its mediators are released and its sessions not yet held are called
	 * off.
	 */
	private void leaveRung(UUID id, Instant now) {
		disputes.releaseAll(id, now);
		disputes.cancelOpenSessions(id);
	}

	@Transactional
	void withdraw(UUID id, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.WITHDRAW, null);
		loaded.dispute()
			.withdraw(actor, clock.instant(),
					blank(reason) ? "当事人撤回" : text(reason, 2000, "bad-reason", "A reason has at most 2000 characters"));
		disputes.save(loaded.dispute(), loaded.version());
	}

	@Transactional
	void refer(UUID id, String target, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.REFER, null);
		Dispute.Referral to;
		try {
			to = Dispute.Referral.valueOf(target == null ? "" : target.strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw bad("bad-referral", "Refer to COURT, ARBITRATION, ADMINISTRATIVE or PETITION");
		}
		loaded.dispute()
			.refer(actor, clock.instant(), to,
					blank(reason) ? null : text(reason, 2000, "bad-reason", "A reason has at most 2000 characters"));
		disputes.save(loaded.dispute(), loaded.version());
	}

	/**
	 * Extends a court-delegated mediation (诉前委派) once by the rung limit (30 days), as the
	 * court may allow; other disputes climb instead.
	 */
	@Transactional
	void extend(UUID id, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.EXTEND, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.EXTEND);
		if (!"COURT".equals(loaded.facts().source())) {
			throw new Refused(HttpStatus.CONFLICT, "not-extendable", "Only court-delegated mediation can be extended",
					d.state());
		}
		if (disputes.history(id).stream().anyMatch(h -> "extend".equals(h.action()))) {
			throw new Refused(HttpStatus.CONFLICT, "already-extended",
					"Court-delegated mediation is extended once only", d.state());
		}
		String why = text(reason, 500, "missing-reason", "Say why (e.g. the court's consent), at most 500 characters");
		d.extend(actor, clock.instant(), d.rungDue().plus(ladder.limit()), "延长调解期限：" + why);
		disputes.save(d, loaded.version());
	}

	/**
	 * Overrides the risk colour and civil-to-criminal flag with a reason; red sends the
	 * dispute up to the town.
	 */
	@Transactional
	void changeRisk(UUID id, String colourName, Boolean criminalRisk, String reason, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.RISK, null);
		Dispute d = loaded.dispute();
		String why = text(reason, 500, "missing-override-reason",
				"Changing the risk colour or civil-to-criminal flag needs a reason (at most 500 characters)");
		boolean criminal = criminalRisk == null ? d.criminalRisk() : criminalRisk;
		RiskColour colour = colour(colourName);
		Instant now = clock.instant();
		d.changeRisk(actor, now, colour, criminal, why);
		disputes.setOverrideReason(id, why);
		if (d.state().isOpen()) {
			List<String> reasons = new ArrayList<>();
			Ladder.Place place = place(loaded);
			Rung required = ladder.required(place, colour, reasons);
			if (d.rung().isBelow(required)) {
				Ladder.Placement to = ladder.placeAt(required, place, String.join("；", reasons));
				d.escalate(actor, now, to.rung(), to.bodyCode(), ladder.dueFrom(now), to.reason());
				leaveRung(id, now);
				disputes.save(d, loaded.version());
				events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), now));
				return;
			}
		}
		disputes.save(d, loaded.version());
	}

	// --- after the agreement
	// ------------------------------------------------------------------------------------

	/**
	 * The parties applied to court for judicial confirmation: only for a written
	 * agreement, within its 30 days.
	 */
	@Transactional
	void applyForConfirmation(UUID id, LocalDate appliedOn, String court, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.CONFIRMATION, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.CONFIRMATION);
		var agreement = disputes.agreement(id).orElseThrow();
		if (!"WRITTEN".equals(agreement.kind())) {
			throw new Refused(HttpStatus.CONFLICT, "oral-agreement",
					"Only a written agreement can be confirmed by a court", d.state());
		}
		LocalDate on = appliedOn == null ? LocalDate.now(clock) : appliedOn;
		LocalDate due = agreement.confirmationDue();
		if (on.isAfter(due) || on.isBefore(agreement.agreedOn()) || on.isAfter(LocalDate.now(clock))) {
			throw new Refused(HttpStatus.CONFLICT, "confirmation-window",
					"Judicial confirmation must be applied for between the agreement and " + due, d.state());
		}
		if (agreement.confirmationAppliedOn() != null) {
			throw new Refused(HttpStatus.CONFLICT, "already-applied", "Judicial confirmation was already applied for",
					d.state());
		}
		String courtName = text(court, 100, "missing-court", "Name the court applied to (at most 100 characters)");
		disputes.applyForConfirmation(id, on, courtName);
		d.note(DisputeAction.CONFIRMATION.word(), DisputeAction.CONFIRMATION, actor, clock.instant(),
				"申请司法确认：" + courtName + " " + on);
		disputes.save(d, loaded.version());
	}

	@Transactional
	void decideConfirmation(UUID id, String result, LocalDate decidedOn, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.CONFIRMATION, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.CONFIRMATION);
		var agreement = disputes.agreement(id).orElseThrow();
		if (agreement.confirmationAppliedOn() == null) {
			throw new Refused(HttpStatus.CONFLICT, "not-applied",
					"No application for judicial confirmation was recorded", d.state());
		}
		String r = result == null ? "" : result.strip().toUpperCase();
		if (!r.equals("CONFIRMED") && !r.equals("REJECTED")) {
			throw bad("bad-result", "The court's result is CONFIRMED or REJECTED");
		}
		if (agreement.confirmationResult() != null) {
			throw new Refused(HttpStatus.CONFLICT, "already-decided", "The court's result is already recorded",
					d.state());
		}
		LocalDate on = decidedOn == null ? LocalDate.now(clock) : decidedOn;
		if (on.isBefore(agreement.confirmationAppliedOn()) || on.isAfter(LocalDate.now(clock))) {
			throw bad("bad-date", "The court decided after the application and not in the future");
		}
		disputes.decideConfirmation(id, r, on);
		d.note(DisputeAction.CONFIRMATION.word(), DisputeAction.CONFIRMATION, actor, clock.instant(),
				r.equals("CONFIRMED") ? "司法确认有效" : "不予司法确认");
		disputes.save(d, loaded.version());
	}

	/**
	 * A follow-up visit; performed settles the case, otherwise another visit is
	 * scheduled.
	 */
	@Transactional
	void followUp(UUID id, boolean performed, String notes, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.FOLLOW_UP, null);
		Dispute d = loaded.dispute();
		d.check(DisputeAction.FOLLOW_UP);
		String found = text(notes, 2000, "missing-notes",
				"Note what the follow-up visit found (at most 2000 characters)");
		Instant now = clock.instant();
		LocalDate today = LocalDate.now(clock);
		disputes.recordFollowUp(id, now, today, actor, performed, found);
		d.followUp(actor, now, performed, found);
		if (!performed) {
			disputes.scheduleFollowUp(id, today.plusDays(followUpAfter.toDays()));
		}
		disputes.save(d, loaded.version());
		if (performed) {
			List<Long> mediators = disputes.mediators(id).stream().map(Disputes.Assignment::personId).toList();
			events.publishEvent(new DisputeSettled(id, loaded.facts().type().name(), d.settledRung().name(),
					loaded.facts().villageCode(), mediators, d.criminalRisk(), loaded.facts().peopleCount(), now));
		}
	}

	@Transactional
	void archive(UUID id, Actor by) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, DisputeAction.ARCHIVE, null);
		loaded.dispute().archive(actor, clock.instant());
		disputes.save(loaded.dispute(), loaded.version());
	}

	// --- rooms
	// ----------------------------------------------------------------------------------------------------

	/** Adds a named mediation room (e.g. 老张说和室) to a mediation body. */
	@Transactional
	Disputes.Room addRoom(String code, String name, String bodyCode, java.util.function.Predicate<String> allowed) {
		if (code == null || !code.strip().matches("[A-Za-z0-9-]{2,40}")) {
			throw bad("bad-room-code", "A room code has 2 to 40 letters, digits or hyphens");
		}
		if (name == null || name.isBlank() || name.strip().length() > 60) {
			throw bad("bad-room-name", "A room name has 1 to 60 characters");
		}
		MediationBodies.Body body = bodies.body(bodyCode == null ? "" : bodyCode.strip())
			.orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-body",
					"No mediation body " + bodyCode));
		if (!allowed.test(body.areaCode())) {
			throw new Refused(HttpStatus.FORBIDDEN, "out-of-scope", "The body is outside your area");
		}
		if (disputes.room(code.strip()).isPresent()) {
			throw new Refused(HttpStatus.CONFLICT, "duplicate-room", "A room has the code " + code.strip());
		}
		disputes.addRoom(code.strip(), name.strip(), body.code(), body.areaCode());
		return disputes.room(code.strip()).orElseThrow();
	}

	// --- the ladder clock
	// ----------------------------------------------------------------------------------------

	/**
	 * Moves every dispute whose rung's time limit has passed one rung up; returns how
	 * many climbed.
	 */
	@Transactional
	int escalateOverdue(int limit) {
		Instant now = clock.instant();
		int climbed = 0;
		for (UUID id : disputes.overdue(now, limit)) {
			Disputes.Loaded loaded = disputes.load(id).orElseThrow();
			Dispute d = loaded.dispute();
			Rung next = d.rung().next().orElseThrow();
			Ladder.Placement to = ladder.placeAt(next, place(loaded), null);
			d.escalate("system", now, to.rung(), to.bodyCode(), ladder.dueFrom(now),
					"超过" + ladder.limit().toDays() + "天办理期限未化解，自动上交");
			leaveRung(id, now);
			disputes.save(d, loaded.version());
			events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), now));
			climbed++;
		}
		return climbed;
	}

	// --- helpers
	// -----------------------------------------------------------------------------------------------

	/**
	 * Loads the dispute and locks its row until the transaction ends (changes queue
	 * behind each other).
	 */
	private Disputes.Loaded lock(UUID id) {
		return disputes.loadForUpdate(id)
			.orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-such-dispute", "No dispute " + id));
	}

	private MediationBodies.Mediator mediator(long personId) {
		return bodies.mediator(personId)
			.orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "not-a-mediator",
					"Person " + personId + " is not a mediator"));
	}

	private static RiskColour colour(String name) {
		try {
			return RiskColour.valueOf(name == null ? "" : name.strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			throw bad("bad-risk-colour", "Risk colour is one of RED, ORANGE, YELLOW, BLUE");
		}
	}

	/** A required text, stripped, at most {@code max} characters. */
	private static String text(String value, int max, String type, String message) {
		if (value == null || value.isBlank() || value.strip().length() > max) {
			throw bad(type, message);
		}
		return value.strip();
	}

	private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	private static void checkAmount(BigDecimal amount) {
		if (amount != null && (amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.scale() > 2)) {
			throw bad("bad-amount", "An amount is between 0 and 999 999 999 999.99 yuan, to the fen");
		}
	}

	Disputes.Loaded load(UUID id) {
		return disputes.load(id)
			.orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-such-dispute", "No dispute " + id));
	}

	private Ladder.Place place(Disputes.Loaded loaded) {
		Disputes.Facts f = loaded.facts();
		String area = f.areaCode();
		String micro = area != null && area.length() == 16 ? area : null;
		return new Ladder.Place(micro, f.villageCode(), f.townshipCode(), disputes.partyVillages(loaded.dispute().id));
	}

	private String trackingCode() {
		StringBuilder code = new StringBuilder(12);
		for (int i = 0; i < 12; i++) {
			code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static Refused bad(String type, String message) {
		return new Refused(HttpStatus.BAD_REQUEST, type, message);
	}

}
