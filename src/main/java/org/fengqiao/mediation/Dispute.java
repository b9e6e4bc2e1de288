package org.fengqiao.mediation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.platform.DomainException;

/**
 * A dispute on the mediation ladder.
 *
 * <p>
 * Its life: it is <em>registered</em> (from screening, a resident's application, a
 * whistle or a referral) at a rung with a mediation body and a time limit; mediators are
 * <em>assigned</em> and mediation starts; it ends in an <em>agreement</em> (written or
 * oral), a <em>failure</em> (the dispute climbs to the next rung, or mediation is
 * terminated with notice of other remedies), a <em>withdrawal</em>, or a
 * <em>referral</em> out (court, arbitration, administrative mediation, petition office).
 * It also climbs when its time limit passes, when its risk colour calls for a higher
 * rung, or when its parties span villages. An agreement is <em>settled</em> only when a
 * follow-up visit confirms it was performed; a finished case is <em>archived</em>. Each
 * verb checks the state machine, changes the state and records one event with actor,
 * time, rungs and reason.
 */
final class Dispute {

	enum State {

		REGISTERED, MEDIATING, AGREED, SETTLED, TERMINATED, WITHDRAWN, REFERRED, ARCHIVED;

		boolean isOpen() {
			return this == REGISTERED || this == MEDIATING;
		}

	}

	enum Outcome {

		AGREEMENT_WRITTEN, AGREEMENT_ORAL, FAILED, WITHDRAWN, REFERRED

	}

	enum Referral {

		COURT, ARBITRATION, ADMINISTRATIVE, PETITION

	}

	/**
	 * The states each action may start from; built for every {@link DisputeAction}, so a
	 * missing one fails when the class loads.
	 */
	static final Map<DisputeAction, Set<State>> ALLOWED_FROM = allowedFrom();

	private static Map<DisputeAction, Set<State>> allowedFrom() {
		EnumMap<DisputeAction, Set<State>> from = new EnumMap<>(DisputeAction.class);
		from.put(DisputeAction.ASSIGN, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.ESCALATE, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.AGREE, EnumSet.of(State.MEDIATING));
		from.put(DisputeAction.FAIL, EnumSet.of(State.MEDIATING));
		from.put(DisputeAction.TERMINATE, EnumSet.of(State.MEDIATING, State.AGREED));
		from.put(DisputeAction.WITHDRAW, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.REFER, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.FOLLOW_UP, EnumSet.of(State.AGREED));
		from.put(DisputeAction.ARCHIVE, EnumSet.of(State.SETTLED, State.TERMINATED, State.WITHDRAWN, State.REFERRED));
		from.put(DisputeAction.RISK, EnumSet.of(State.REGISTERED, State.MEDIATING, State.AGREED));
		from.put(DisputeAction.SESSION, EnumSet.of(State.MEDIATING));
		from.put(DisputeAction.RECUSE, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.PARTY, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.EXTEND, EnumSet.of(State.REGISTERED, State.MEDIATING));
		from.put(DisputeAction.CONFIRMATION, EnumSet.of(State.AGREED, State.SETTLED));
		// The agreement and the case file are printed in any state; printing changes
		// nothing.
		from.put(DisputeAction.PRINT, EnumSet.allOf(State.class));
		if (!from.keySet().equals(EnumSet.allOf(DisputeAction.class))) {
			EnumSet<DisputeAction> missing = EnumSet.allOf(DisputeAction.class);
			missing.removeAll(from.keySet());
			throw new ExceptionInInitializerError("Dispute.ALLOWED_FROM lacks " + missing);
		}
		from.replaceAll((a, states) -> Collections.unmodifiableSet(states));
		return Collections.unmodifiableMap(from);
	}

	/** One recorded move. */
	record Move(String action, String actor, Instant at, State from, State to, Rung fromRung, Rung toRung,
			String bodyCode, String reason) {
	}

	/**
	 * The action is not allowed in the current state (a conflict of type
	 * {@code illegal-transition} naming the {@code state}).
	 */
	static final class IllegalTransition extends DomainException {

		final State current;

		IllegalTransition(DisputeAction action, State current, String why) {
			super(Kind.CONFLICT, "illegal-transition",
					why != null ? why : "Cannot " + action + " a dispute that is " + current,
					Map.of("state", current.name()));
			this.current = current;
		}

	}

	/** A written agreement names at least this many parties. */
	static final int MIN_PARTIES_OF_WRITTEN_AGREEMENT = 2;

	final UUID id;

	private State state;

	private Rung rung;

	private String bodyCode;

	private Instant rungSince;

	private Instant rungDue;

	private RiskColour riskColour;

	private boolean criminalRisk;

	private Outcome outcome;

	private Referral referredTo;

	private Instant mediationStartedAt;

	private Instant agreedAt;

	private Instant settledAt;

	private Rung settledRung;

	private Instant closedAt;

	private Instant archivedAt;

	private final List<Move> recorded = new ArrayList<>();

	private Dispute(UUID id, State state, Rung rung, String bodyCode, RiskColour riskColour, boolean criminalRisk) {
		this.id = id;
		this.state = state;
		this.rung = rung;
		this.bodyCode = bodyCode;
		this.riskColour = riskColour;
		this.criminalRisk = criminalRisk;
	}

	/** A new dispute at its first rung, with that rung's time limit. */
	static Dispute register(UUID id, String actor, Instant now, Rung rung, String bodyCode, Instant due,
			RiskColour colour, boolean criminalRisk, String reason) {
		Dispute d = new Dispute(id, State.REGISTERED, rung, bodyCode, colour, criminalRisk);
		d.rungSince = now;
		d.rungDue = due;
		d.recorded.add(new Move("register", actor, now, null, State.REGISTERED, null, rung, bodyCode, reason));
		return d;
	}

	/** Rebuilds a dispute from storage. */
	static Dispute restore(UUID id, State state, Rung rung, String bodyCode, Instant rungSince, Instant rungDue,
			RiskColour colour, boolean criminalRisk, Outcome outcome, Referral referredTo, Instant mediationStartedAt,
			Instant agreedAt, Instant settledAt, Rung settledRung, Instant closedAt, Instant archivedAt) {
		Dispute d = new Dispute(id, state, rung, bodyCode, colour, criminalRisk);
		d.rungSince = rungSince;
		d.rungDue = rungDue;
		d.outcome = outcome;
		d.referredTo = referredTo;
		d.mediationStartedAt = mediationStartedAt;
		d.agreedAt = agreedAt;
		d.settledAt = settledAt;
		d.settledRung = settledRung;
		d.closedAt = closedAt;
		d.archivedAt = archivedAt;
		return d;
	}

	// --- transitions
	// ------------------------------------------------------------------------------------------

	/** A mediator takes the case; the first one starts mediation. */
	void assign(String actor, Instant now, String mediatorName) {
		check(DisputeAction.ASSIGN);
		if (state == State.REGISTERED) {
			mediationStartedAt = mediationStartedAt == null ? now : mediationStartedAt;
		}
		record(DisputeAction.ASSIGN.word(), actor, now, State.MEDIATING, rung, "调解员 " + mediatorName);
	}

	/**
	 * The dispute climbs to a higher rung (a failure, its time limit, its risk colour or
	 * its parties' villages): it waits there for the new body's mediators, with the new
	 * rung's time limit.
	 */
	void escalate(String actor, Instant now, Rung to, String toBody, Instant due, String reason) {
		check(DisputeAction.ESCALATE);
		if (!rung.isBelow(to)) {
			throw new IllegalTransition(DisputeAction.ESCALATE, state,
					"The dispute is already at " + rung + ", not below " + to);
		}
		this.bodyCode = toBody;
		this.rungSince = now;
		this.rungDue = due;
		record(DisputeAction.ESCALATE.word(), actor, now, State.REGISTERED, to, reason);
	}

	/**
	 * The time limit of the current rung moves on: only a court-delegated mediation
	 * (诉前委派), and only once ({@code extendedBefore}: an extension is already recorded).
	 */
	void extend(String actor, Instant now, boolean courtDelegated, boolean extendedBefore, Instant newDue,
			String reason) {
		check(DisputeAction.EXTEND);
		if (!courtDelegated) {
			throw refusal("not-extendable", "Only court-delegated mediation can be extended");
		}
		if (extendedBefore) {
			throw refusal("already-extended", "Court-delegated mediation is extended once only");
		}
		this.rungDue = newDue;
		record(DisputeAction.EXTEND.word(), actor, now, state, rung, reason);
	}

	/**
	 * The parties reached an agreement: it needs at least one session held and recorded
	 * on this rung ({@code heldSessions} since the dispute reached it), and a written
	 * agreement names at least two parties ({@code parties}).
	 */
	void agree(String actor, Instant now, boolean written, int heldSessions, int parties, String reason) {
		check(DisputeAction.AGREE);
		if (heldSessions < 1) {
			throw refusal("no-session",
					"An agreement needs at least one mediation session held and recorded on this rung");
		}
		if (written && parties < MIN_PARTIES_OF_WRITTEN_AGREEMENT) {
			throw refusal("missing-parties", "A written agreement names at least two parties: add the parties first");
		}
		this.outcome = written ? Outcome.AGREEMENT_WRITTEN : Outcome.AGREEMENT_ORAL;
		this.agreedAt = now;
		this.closedAt = now;
		record(DisputeAction.AGREE.word(), actor, now, State.AGREED, rung, reason);
	}

	/**
	 * The rung above the current one; the county is the top rung, from which a dispute is
	 * referred out or mediation terminated.
	 */
	Rung nextRung() {
		return rung.next()
			.orElseThrow(() -> refusal("top-rung",
					"The county is the top rung: refer the dispute out or terminate mediation"));
	}

	/** Mediation failed here and the dispute goes up a rung. */
	void failAndEscalate(String actor, Instant now, String toBody, Instant due, String reason) {
		check(DisputeAction.FAIL);
		Rung to = nextRung();
		this.bodyCode = toBody;
		this.rungSince = now;
		this.rungDue = due;
		record("fail-escalate", actor, now, State.REGISTERED, to, reason);
	}

	/**
	 * Mediation ends without success; the parties are told of the other remedies (court,
	 * arbitration...). Also after an agreement that was not performed or that a court
	 * refused to confirm.
	 */
	void terminate(String actor, Instant now, String reason) {
		check(DisputeAction.TERMINATE);
		this.outcome = Outcome.FAILED;
		this.closedAt = now;
		record(DisputeAction.TERMINATE.word(), actor, now, State.TERMINATED, rung, reason);
	}

	void withdraw(String actor, Instant now, String reason) {
		check(DisputeAction.WITHDRAW);
		this.outcome = Outcome.WITHDRAWN;
		this.closedAt = now;
		record(DisputeAction.WITHDRAW.word(), actor, now, State.WITHDRAWN, rung, reason);
	}

	/**
	 * Refers the dispute out of people's mediation: at triage (a registered dispute
	 * outside its scope) from any rung, or from mediation at the county.
	 */
	void refer(String actor, Instant now, Referral to, String reason) {
		check(DisputeAction.REFER);
		if (state == State.MEDIATING && rung != Rung.COUNTY) {
			throw new IllegalTransition(DisputeAction.REFER, state,
					"Only the county refers a dispute out during mediation; this one is at " + rung);
		}
		this.outcome = Outcome.REFERRED;
		this.referredTo = to;
		this.closedAt = now;
		record(DisputeAction.REFER.word(), actor, now, State.REFERRED, rung,
				to + (reason == null ? "" : ": " + reason));
	}

	/**
	 * A follow-up visit: performed settles the case (it now counts as successful); not
	 * performed leaves it agreed.
	 */
	void followUp(String actor, Instant now, boolean performed, String notes) {
		check(DisputeAction.FOLLOW_UP);
		if (performed) {
			this.settledAt = now;
			this.settledRung = rung;
			record(DisputeAction.FOLLOW_UP.word(), actor, now, State.SETTLED, rung, notes);
		}
		else {
			record(DisputeAction.FOLLOW_UP.word(), actor, now, State.AGREED, rung, notes);
		}
	}

	void archive(String actor, Instant now) {
		check(DisputeAction.ARCHIVE);
		this.archivedAt = now;
		record(DisputeAction.ARCHIVE.word(), actor, now, State.ARCHIVED, rung, null);
	}

	/**
	 * The risk colour or civil-to-criminal flag is set (a rule's proposal or an override
	 * with a reason).
	 */
	void changeRisk(String actor, Instant now, RiskColour colour, boolean criminal, String reason) {
		check(DisputeAction.RISK);
		this.riskColour = colour;
		this.criminalRisk = criminal;
		record(DisputeAction.RISK.word(), actor, now, state, rung, colour + (criminal ? " 民转刑" : "") + ": " + reason);
	}

	/**
	 * Records a step that does not change the state or rung (a recusal, a session
	 * scheduled or held, a party added, a judicial confirmation), after checking it is
	 * allowed now. Saved with the dispute's version, so it cannot interleave with a move.
	 */
	void note(String action, DisputeAction checkedAs, String actor, Instant now, String reason) {
		check(checkedAs);
		record(action, actor, now, state, rung, reason);
	}

	/** Checks that an action is allowed in the current state. */
	void check(DisputeAction action) {
		Set<State> from = ALLOWED_FROM.get(action);
		if (!from.contains(state)) {
			throw new IllegalTransition(action, state, null);
		}
	}

	/** A rule of the dispute says no now: a conflict naming the current state. */
	private DomainException refusal(String type, String message) {
		return new DomainException(DomainException.Kind.CONFLICT, type, message, Map.of("state", state.name()));
	}

	private void record(String action, String actor, Instant now, State to, Rung toRung, String reason) {
		recorded.add(new Move(action, actor, now, state, to, rung, toRung, bodyCode, reason));
		this.state = to;
		this.rung = toRung;
	}

	// --- reading
	// ----------------------------------------------------------------------------------------------

	State state() {
		return state;
	}

	Rung rung() {
		return rung;
	}

	String bodyCode() {
		return bodyCode;
	}

	Instant rungSince() {
		return rungSince;
	}

	Instant rungDue() {
		return rungDue;
	}

	RiskColour riskColour() {
		return riskColour;
	}

	boolean criminalRisk() {
		return criminalRisk;
	}

	Outcome outcome() {
		return outcome;
	}

	Referral referredTo() {
		return referredTo;
	}

	Instant mediationStartedAt() {
		return mediationStartedAt;
	}

	Instant agreedAt() {
		return agreedAt;
	}

	Instant settledAt() {
		return settledAt;
	}

	Rung settledRung() {
		return settledRung;
	}

	Instant closedAt() {
		return closedAt;
	}

	Instant archivedAt() {
		return archivedAt;
	}

	/** The moves made since the dispute was loaded, to be stored with it. */
	List<Move> recorded() {
		return List.copyOf(recorded);
	}

	void clearRecorded() {
		recorded.clear();
	}

}
