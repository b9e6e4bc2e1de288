package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.fengqiao.geo.Coordinates;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.geo.GridLocator;
import org.fengqiao.geo.Location;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.invalid;

/**
 * Registering a dispute from every source: screening, a resident's application, a whistle
 * transferred by dispatch, a court or police referral. The place must be in the county
 * (and in the registering person's area); the rules propose the risk colour, a person may
 * override it with a reason; the ladder places the dispute on its first rung. A source
 * reference is registered once: a whistle delivered twice is harmless, a referral
 * registered twice is a conflict.
 */
@Service
class DisputeRegistration {

	/**
	 * A dispute to register. Place: a point, or a village code when the applicant gives
	 * no point.
	 */
	record Registration(String source, String sourceRef, String type, List<DisputeParties.PartyInput> parties,
			Double lon, Double lat, String villageCode, BigDecimal amount, Integer peopleCount, String description,
			String riskColour, Boolean criminalRisk, String overrideReason) {
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

	static final List<String> SOURCES = List.of("SCREENING", "APPLICATION", "WHISTLE", "COURT", "POLICE");

	private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

	private final Disputes disputes;

	private final DisputeParties partyRecords;

	private final Ladder ladder;

	private final RiskRules rules;

	private final GridLocator locator;

	private final GridDirectory directory;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	DisputeRegistration(Disputes disputes, DisputeParties partyRecords, Ladder ladder, RiskRules rules,
			GridLocator locator, GridDirectory directory, Clock clock) {
		this.disputes = disputes;
		this.partyRecords = partyRecords;
		this.ladder = ladder;
		this.rules = rules;
		this.locator = locator;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * A resident applies for mediation (public page or API): the applicant must give a
	 * mobile number.
	 */
	@Transactional
	Registered apply(Application a) {
		if (a.applicantPhone() == null || a.applicantPhone().isBlank()) {
			throw invalid("missing-phone", "Give a mobile number so the mediator can reach you");
		}
		List<DisputeParties.PartyInput> parties = List.of(
				new DisputeParties.PartyInput("APPLICANT", "PERSON", a.applicantName(), a.applicantIdNumber(),
						a.applicantPhone(), a.villageCode(), null),
				new DisputeParties.PartyInput("RESPONDENT", "PERSON", a.respondentName(), null, null, a.villageCode(),
						null));
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
	Registered register(Registration r, String actor, Predicate<String> allowed) {
		String source = r.source() == null ? "SCREENING" : r.source().strip().toUpperCase();
		if (!SOURCES.contains(source)) {
			throw invalid("bad-source", "Unknown source " + r.source() + "; one of " + SOURCES);
		}
		if (!DisputeType.isKnown(r.type())) {
			throw invalid("bad-type", "Unknown dispute type " + r.type());
		}
		String description = r.description() == null ? "" : r.description().strip();
		if (description.isEmpty() || description.length() > 4000) {
			throw invalid("bad-description", "Describe the dispute (1 to 4000 characters)");
		}
		String sourceRef = r.sourceRef() == null || r.sourceRef().isBlank() ? null : r.sourceRef().strip();
		if ((source.equals("COURT") || source.equals("POLICE") || source.equals("WHISTLE")) && sourceRef == null) {
			throw invalid("missing-reference",
					"A referral from " + source.toLowerCase() + " needs its reference number");
		}
		if (sourceRef != null && sourceRef.length() > 64) {
			throw invalid("bad-reference", "A reference has at most 64 characters");
		}
		DisputeInput.checkAmount(r.amount());
		int people = r.peopleCount() == null ? Math.max(2, r.parties() == null ? 2 : r.parties().size())
				: r.peopleCount();
		if (people < 1 || people > 100_000) {
			throw invalid("bad-people-count", "The number of people involved must be between 1 and 100000");
		}
		List<DisputeParties.PartyInput> parties = r.parties() == null ? List.of() : r.parties();
		if (!source.equals("WHISTLE") && parties.size() < 2) {
			throw invalid("missing-parties", "A dispute has at least two parties (an applicant and a respondent)");
		}
		if (parties.size() > DisputeParties.MAX_PARTIES) {
			throw invalid("too-many-parties", "At most 50 parties; register the rest in the description");
		}
		List<Disputes.NewParty> sealed = new ArrayList<>();
		for (int i = 0; i < parties.size(); i++) {
			sealed.add(partyRecords.seal(parties.get(i), i));
		}
		// Where: a point inside the county, or a village of the county.
		String villageCode = null, townshipCode = null, gridCode = null, microCode = null;
		if (r.lon() != null || r.lat() != null) {
			if (!Coordinates.valid(r.lon(), r.lat())) {
				throw DomainException.rejected("bad-coordinates", "Bad coordinates: " + Coordinates.RULE);
			}
			Location at = locator.locate(r.lon(), r.lat())
				.orElseThrow(() -> DomainException.rejected("outside-county", "The place is outside the county"));
			villageCode = at.village() == null ? null : at.village().code();
			townshipCode = at.township() == null ? null : at.township().code();
			gridCode = at.grid() == null ? null : at.grid().code();
			microCode = at.microGrid() == null ? null : at.microGrid().code();
		}
		else if (r.villageCode() != null && !r.villageCode().isBlank()) {
			String code = r.villageCode().strip();
			var village = directory.division(code)
				.filter(d -> d.level().equals("VILLAGE"))
				.orElseThrow(() -> DomainException.rejected("unknown-village",
						"No village of the county has the code " + code));
			villageCode = village.code();
			townshipCode = village.parentCode();
		}
		else {
			throw invalid("missing-place", "Give the place as lon/lat or a village code");
		}
		for (int i = 0; i < parties.size(); i++) {
			String v = parties.get(i).villageCode();
			if (v != null && !v.isBlank() && directory.division(v.strip()).isEmpty()) {
				throw invalid("unknown-village", "Party " + (i + 1) + ": no village of the county has the code " + v);
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
			colour = DisputeInput.colour(r.riskColour());
		}
		if (r.criminalRisk() != null) {
			criminal = r.criminalRisk();
		}
		boolean overridden = colour != proposal.colour() || criminal != proposal.criminal();
		if (overridden && overrideReason == null) {
			throw invalid("missing-override-reason",
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
			throw DomainException.notAllowed("out-of-scope", "The place of the dispute is outside your area");
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
	private Registered duplicate(String source, UUID existing, Predicate<String> allowed) {
		if (source.equals("WHISTLE")) {
			return new Registered(existing, null, false);
		}
		boolean visible = disputes.load(existing).map(l -> allowed.test(l.facts().areaCode())).orElse(false);
		throw new DomainException(DomainException.Kind.CONFLICT, "duplicate-referral",
				"This " + source.toLowerCase() + " reference is already registered as a dispute",
				visible ? Map.of("existing", existing.toString()) : Map.of());
	}

	private String trackingCode() {
		StringBuilder code = new StringBuilder(12);
		for (int i = 0; i < 12; i++) {
			code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
		}
		return code.toString();
	}

}
