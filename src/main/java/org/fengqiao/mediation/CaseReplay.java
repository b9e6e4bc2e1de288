package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plays past cases through the module's rules, for a history loaded in bulk with
 * {@link CaseHistoryImport} (the demo's year of disputes, or a county's cases being
 * brought over step by step): the risk rules propose the colour, the ladder chooses the
 * first rung and each body a case climbs to, and the {@link Dispute} aggregate checks
 * every step against its state machine and records the events. The caller says what
 * happened and when; the records it gets back are the ones the import writes.
 */
@Component
public class CaseReplay {

	private final RiskRules rules;

	private final Ladder ladder;

	private final Duration followUpAfter;

	CaseReplay(RiskRules rules, Ladder ladder,
			@Value("${fengqiao.mediation.follow-up-after:15d}") Duration followUpAfter) {
		this.rules = rules;
		this.ladder = ladder;
		this.followUpAfter = followUpAfter;
	}

	/**
	 * Where a dispute happened: its micro-grid (if any), village and township, and the
	 * villages its parties live in (the ladder starts at the lowest rung they share).
	 */
	public record Place(String microGridCode, String villageCode, String townshipCode, List<String> partyVillages) {
	}

	/** The facts the risk rules read when a dispute is registered. */
	public record Facts(DisputeType type, BigDecimal amount, int people, String description) {
	}

	/**
	 * How long after the performance date (or the agreement) a follow-up visit is due.
	 */
	public Duration followUpAfter() {
		return followUpAfter;
	}

	/**
	 * A run of replays sharing the ladder's bodies in memory: thousands of placements
	 * without a query each.
	 */
	public Replay replay() {
		return new Replay(ladder.inMemory());
	}

	/** A run of replays (see {@link CaseReplay#replay()}). */
	public final class Replay {

		private final Ladder.BodyLookup bodies;

		private Replay(Ladder.BodyLookup bodies) {
			this.bodies = bodies;
		}

		/**
		 * Registers a dispute: the risk rules propose its colour, the ladder places it on
		 * its first rung with that rung's time limit.
		 */
		public PastCase register(UUID id, String actor, Instant at, Facts facts, Place place) {
			RiskRules.Proposal proposal = rules
				.propose(new RiskRules.Facts(facts.type(), facts.amount(), facts.people(), facts.description(), 0));
			Ladder.Place on = new Ladder.Place(place.microGridCode(), place.villageCode(), place.townshipCode(),
					place.partyVillages());
			Ladder.Placement start = ladder.start(on, proposal.colour(), bodies);
			Dispute d = Dispute.register(id, actor, at, start.rung(), start.bodyCode(), ladder.dueFrom(at),
					proposal.colour(), proposal.criminal(), start.reason());
			return new PastCase(d, actor, at, facts, place, on, proposal, bodies);
		}

	}

	/**
	 * One dispute being replayed: its verbs are the aggregate's, checked by its state
	 * machine; climbing goes to the body the ladder chooses.
	 */
	public final class PastCase {

		private final Dispute d;

		private final String registeredBy;

		private final Instant registeredAt;

		private final Facts facts;

		private final Place place;

		private final Ladder.Place on;

		private final RiskRules.Proposal proposal;

		private final Ladder.BodyLookup bodies;

		private PastCase(Dispute d, String registeredBy, Instant registeredAt, Facts facts, Place place,
				Ladder.Place on, RiskRules.Proposal proposal, Ladder.BodyLookup bodies) {
			this.d = d;
			this.registeredBy = registeredBy;
			this.registeredAt = registeredAt;
			this.facts = facts;
			this.place = place;
			this.on = on;
			this.proposal = proposal;
			this.bodies = bodies;
		}

		public UUID id() {
			return d.id;
		}

		/** The rung the dispute is on. */
		public Rung rung() {
			return d.rung();
		}

		/** The mediation body on the dispute's rung. */
		public String bodyCode() {
			return d.bodyCode();
		}

		/** When the dispute's time on this rung runs out. */
		public Instant rungDue() {
			return d.rungDue();
		}

		/** Whether mediators are on the case (it has been assigned and is open). */
		public boolean isMediating() {
			return d.state() == Dispute.State.MEDIATING;
		}

		/**
		 * Whether mediation began and has ended (agreed and settled, failed,
		 * withdrawn...).
		 */
		public boolean isMediationConcluded() {
			Dispute.State state = d.state();
			return d.mediationStartedAt() != null && !state.isOpen() && state != Dispute.State.AGREED;
		}

		/** The rung the dispute was settled on, or null while it is not settled. */
		public Rung settledRung() {
			return d.settledAt() == null ? null : d.settledRung();
		}

		public void assign(String actor, Instant at, String mediatorName) {
			d.assign(actor, at, mediatorName);
		}

		/**
		 * Mediation on this rung failed: the dispute climbs to the next rung, to the body
		 * the ladder chooses (past a rung that has no body there).
		 */
		public void failAndClimb(String actor, Instant at, String reason) {
			Ladder.Placement to = ladder.placeAt(d.nextRung(), on, null, bodies);
			d.failAndEscalate(actor, at, to.bodyCode(), ladder.dueFrom(at), reason);
			if (d.rung() != to.rung()) {
				d.escalate(actor, at, to.rung(), to.bodyCode(), ladder.dueFrom(at), "上一级无调解组织");
			}
		}

		/**
		 * The rung's time limit passed ({@link #rungDue()}): the ladder clock moves the
		 * dispute up, as {@link OverdueDisputes} does.
		 */
		public void climbOnTimeLimit() {
			Instant at = d.rungDue();
			Ladder.Placement to = ladder.placeAt(d.nextRung(), on, null, bodies);
			d.escalate("system", at, to.rung(), to.bodyCode(), ladder.dueFrom(at),
					"超过" + ladder.limit().toDays() + "天办理期限未化解，自动上交");
		}

		public void agree(String actor, Instant at, boolean written, int sessionsHeld, int parties, String reason) {
			d.agree(actor, at, written, sessionsHeld, parties, reason);
		}

		public void terminate(String actor, Instant at, String reason) {
			d.terminate(actor, at, reason);
		}

		public void withdraw(String actor, Instant at, String reason) {
			d.withdraw(actor, at, reason);
		}

		/**
		 * Referred out of people's mediation: {@code to} is COURT, ARBITRATION,
		 * ADMINISTRATIVE or PETITION.
		 */
		public void refer(String actor, Instant at, String to, String reason) {
			d.refer(actor, at, Dispute.Referral.valueOf(to), reason);
		}

		public void followUp(String actor, Instant at, boolean performed, String notes) {
			d.followUp(actor, at, performed, notes);
		}

		public void archive(String actor, Instant at) {
			d.archive(actor, at);
		}

		/**
		 * The dispute as it stands, for {@link CaseHistoryImport}, with what the replay
		 * does not know: where it came from, where exactly it happened and its tracking
		 * code.
		 */
		public CaseHistoryImport.PastDispute asPastDispute(String source, String sourceRef, Double lon, Double lat,
				String gridCode, String areaCode, String trackingCode) {
			return new CaseHistoryImport.PastDispute(d.id, source, sourceRef, facts.description(), lon, lat,
					place.villageCode(), gridCode, d.rung().name(), d.state().name(), registeredAt, trackingCode,
					facts.type().name(), facts.amount(), facts.people(), d.riskColour().name(),
					proposal.colour().name(), d.criminalRisk(), proposal.criminal(), List.copyOf(proposal.rules()),
					areaCode, place.townshipCode(), d.bodyCode(), d.rungSince(), d.rungDue(), d.mediationStartedAt(),
					name(d.outcome()), name(d.referredTo()), d.agreedAt(), d.settledAt(), name(d.settledRung()),
					d.closedAt(), d.archivedAt(), registeredBy, proposal.petition(), proposal.petition());
		}

		/** The steps the replay recorded, for {@link CaseHistoryImport}. */
		public List<CaseHistoryImport.PastEvent> events() {
			return d.recorded()
				.stream()
				.map(m -> new CaseHistoryImport.PastEvent(d.id, m.action(), m.actor(), m.at(), name(m.from()),
						m.to().name(), name(m.fromRung()), m.toRung().name(), m.bodyCode(), m.reason()))
				.toList();
		}

	}

	private static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

}
