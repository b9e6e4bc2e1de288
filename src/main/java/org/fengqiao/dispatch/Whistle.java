package org.fengqiao.dispatch;

import java.time.Instant;
import java.time.Duration;
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
 * A whistle: every item that enters dispatch, from a resident's report to a patrol's
 * finding.
 *
 * <p>
 * Its life: it is <em>submitted</em>, graded and <em>dispatched</em> to a level of the
 * grid chain with a response clock; a responder <em>accepts</em> it (the handling clock
 * starts), arrives <em>on scene</em> and <em>resolves</em> it; the resident
 * <em>confirms</em> with a rating (or reopens it with a reason) and it is
 * <em>closed</em>. A late response escalates it one level up the chain, up to level 1. On
 * the way it may be <em>returned</em> as wrongly routed (and routed again),
 * <em>suspended</em> by a chief (the clocks pause), <em>transferred</em> to mediation,
 * police or a department, <em>merged</em> into a duplicate, or <em>rejected</em>. Each
 * transition is a domain verb that checks the state machine, changes the state and
 * records one past-tense event with actor, time and reason. Who may take each step is not
 * the aggregate's concern but {@link WhistlePermissions}' table, checked by
 * {@link Dispatcher#act} before the step.
 */
final class Whistle {

	enum State {

		SUBMITTED, DISPATCHED, ACCEPTED, ON_SCENE, RESOLVED, CONFIRMED, CLOSED, RETURNED, TRANSFERRED, MERGED, REJECTED,
		SUSPENDED;

		boolean isTerminal() {
			return this == CLOSED || this == TRANSFERRED || this == MERGED || this == REJECTED;
		}

	}

	/**
	 * The transitions the state machine allows: the states each action may start from.
	 */
	static final Map<WhistleAction, Set<State>> ALLOWED_FROM = allowedFrom();

	private static Map<WhistleAction, Set<State>> allowedFrom() {
		EnumMap<WhistleAction, Set<State>> from = new EnumMap<>(WhistleAction.class);
		from.put(WhistleAction.DISPATCH, EnumSet.of(State.SUBMITTED, State.RETURNED));
		from.put(WhistleAction.ACCEPT, EnumSet.of(State.DISPATCHED));
		from.put(WhistleAction.ARRIVE, EnumSet.of(State.ACCEPTED));
		from.put(WhistleAction.RESOLVE, EnumSet.of(State.ACCEPTED, State.ON_SCENE));
		from.put(WhistleAction.RETURN, EnumSet.of(State.DISPATCHED, State.ACCEPTED));
		from.put(WhistleAction.CONFIRM, EnumSet.of(State.RESOLVED));
		from.put(WhistleAction.REOPEN, EnumSet.of(State.RESOLVED));
		from.put(WhistleAction.CLOSE, EnumSet.of(State.CONFIRMED, State.RESOLVED));
		from.put(WhistleAction.SUSPEND, EnumSet.of(State.ACCEPTED, State.ON_SCENE));
		from.put(WhistleAction.RESUME, EnumSet.of(State.SUSPENDED));
		from.put(WhistleAction.TRANSFER, EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.ACCEPTED, State.RETURNED));
		from.put(WhistleAction.MERGE, EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.RETURNED));
		from.put(WhistleAction.REJECT, EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.RETURNED));
		from.put(WhistleAction.ESCALATE, EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE));
		from.put(WhistleAction.SUPERVISE,
				EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.SUSPENDED));
		from.put(WhistleAction.REDISPATCH, EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE));
		from.put(WhistleAction.CHECKIN, EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.SUSPENDED));
		if (!from.keySet().equals(EnumSet.allOf(WhistleAction.class))) {
			throw new IllegalStateException("Every action needs its states");
		}
		return Collections.unmodifiableMap(from);
	}

	/** True when the state machine lets the action start from the state. */
	static boolean allows(WhistleAction action, State state) {
		return ALLOWED_FROM.get(action).contains(state);
	}

	/** One recorded transition. */
	record Transition(WhistleAction action, String actor, Instant at, State from, State to, String reason,
			Integer level) {
	}

	/**
	 * The transition is not allowed in the current state: a conflict that names the
	 * state.
	 */
	static final class IllegalTransition extends DomainException {

		final State current;

		IllegalTransition(WhistleAction action, State current) {
			this("Cannot " + action + " a whistle that is " + current, current);
		}

		IllegalTransition(String message, State current) {
			super(Kind.CONFLICT, "illegal-transition", message, Map.of("state", current.name()));
			this.current = current;
		}

	}

	/**
	 * The clock a whistle runs in a state, and so the clock missed when its escalation
	 * falls due: responding while it is dispatched, handling once it is accepted (on
	 * scene too).
	 */
	enum Clock {

		RESPOND, HANDLE

	}

	final UUID id;

	private State state;

	private int level;

	private String levelGridCode;

	private Instant respondDue;

	private Instant handleDue;

	private Instant feedbackDue;

	private Instant escalateAt;

	private Instant acceptedAt;

	private Instant resolvedAt;

	private Instant closedAt;

	private Instant suspendedAt;

	private State suspendedFrom;

	private Integer rating;

	private UUID mergedInto;

	private int escalations;

	private final List<Transition> recorded = new ArrayList<>();

	Whistle(UUID id, State state, int level, String levelGridCode) {
		this.id = id;
		this.state = state;
		this.level = level;
		this.levelGridCode = levelGridCode;
	}

	/** Rebuilds a whistle from storage. */
	static Whistle restore(UUID id, State state, int level, String levelGridCode, Instant respondDue, Instant handleDue,
			Instant feedbackDue, Instant escalateAt, Instant acceptedAt, Instant resolvedAt, Instant closedAt,
			Instant suspendedAt, State suspendedFrom, Integer rating, UUID mergedInto, int escalations) {
		Whistle w = new Whistle(id, state, level, levelGridCode);
		w.respondDue = respondDue;
		w.handleDue = handleDue;
		w.feedbackDue = feedbackDue;
		w.escalateAt = escalateAt;
		w.acceptedAt = acceptedAt;
		w.resolvedAt = resolvedAt;
		w.closedAt = closedAt;
		w.suspendedAt = suspendedAt;
		// Suspended before the state it left was kept: it resumes as accepted, as it
		// always did.
		w.suspendedFrom = state == State.SUSPENDED && suspendedFrom == null ? State.ACCEPTED : suspendedFrom;
		w.rating = rating;
		w.mergedInto = mergedInto;
		w.escalations = escalations;
		return w;
	}

	// --- transitions
	// ------------------------------------------------------------------------------------------

	/** Gives the whistle order to a level of the grid chain with a response clock. */
	void dispatch(String actor, Instant now, int toLevel, String gridCode, Instant respondBy, String reason) {
		move(WhistleAction.DISPATCH, actor, now, State.DISPATCHED, reason, toLevel);
		giveOrder(toLevel, gridCode, respondBy);
	}

	private void giveOrder(int toLevel, String gridCode, Instant respondBy) {
		this.level = toLevel;
		this.levelGridCode = gridCode;
		this.respondDue = respondBy;
		this.escalateAt = respondBy;
	}

	/**
	 * The command centre sends the order again, to a level of its choice, with a fresh
	 * response clock.
	 */
	void redispatch(String actor, Instant now, int toLevel, String gridCode, Instant respondBy, String reason) {
		require(reason, "redispatch");
		move(WhistleAction.REDISPATCH, actor, now, State.DISPATCHED, reason, toLevel);
		giveOrder(toLevel, gridCode, respondBy);
		this.acceptedAt = null;
		this.handleDue = null;
		this.feedbackDue = null;
	}

	/** A responder responds: the response clock stops, the handling clock starts. */
	void accept(String actor, Instant now, Instant handleBy, Instant feedbackBy) {
		move(WhistleAction.ACCEPT, actor, now, State.ACCEPTED, null, null);
		this.acceptedAt = now;
		this.handleDue = handleBy;
		this.feedbackDue = feedbackBy;
		this.escalateAt = handleBy;
	}

	void arrive(String actor, Instant now) {
		move(WhistleAction.ARRIVE, actor, now, State.ON_SCENE, null, null);
	}

	void resolve(String actor, Instant now, String notes) {
		require(notes, "resolve");
		move(WhistleAction.RESOLVE, actor, now, State.RESOLVED, notes, null);
		this.resolvedAt = now;
		this.escalateAt = null;
	}

	/** Wrongly routed: handed back with a reason, to be routed again (never lost). */
	void returnForRerouting(String actor, Instant now, String reason) {
		require(reason, "return");
		move(WhistleAction.RETURN, actor, now, State.RETURNED, reason, null);
		this.escalateAt = null;
	}

	void confirm(String actor, Instant now, int stars) {
		if (stars < 1 || stars > 5) {
			throw badRequest("A rating is 1 to 5");
		}
		move(WhistleAction.CONFIRM, actor, now, State.CONFIRMED, null, null);
		this.rating = stars;
		move(WhistleAction.CLOSE, "system", now, State.CLOSED, "confirmed by the resident", null);
		this.closedAt = now;
	}

	/**
	 * The resident is not satisfied: the whistle goes back to its responders with fresh
	 * clocks (rework).
	 */
	void reopen(String actor, Instant now, String reason, Instant respondBy) {
		require(reason, "reopen");
		move(WhistleAction.REOPEN, actor, now, State.DISPATCHED, reason, level);
		this.resolvedAt = null;
		this.respondDue = respondBy;
		this.escalateAt = respondBy;
	}

	/**
	 * Closes the whistle without the resident's confirmation, with a reason. A resolved
	 * whistle waits for the resident first: it may be closed only once the confirmation
	 * window after the resolution has passed (the resident neither confirmed nor reopened
	 * it in time).
	 */
	void close(String actor, Instant now, String reason, Duration confirmationWindow) {
		require(reason, "close");
		if (state == State.RESOLVED && resolvedAt != null && now.isBefore(resolvedAt.plus(confirmationWindow))) {
			throw new IllegalTransition("The resident may confirm or reopen until "
					+ resolvedAt.plus(confirmationWindow) + "; the whistle cannot be closed before", state);
		}
		move(WhistleAction.CLOSE, actor, now, State.CLOSED, reason, null);
		this.closedAt = now;
		this.escalateAt = null;
	}

	/**
	 * A chief approves a suspension with a reason: the clocks stop until it is resumed.
	 */
	void suspend(String actor, Instant now, String reason) {
		require(reason, "suspend");
		State from = state;
		move(WhistleAction.SUSPEND, actor, now, State.SUSPENDED, reason, null);
		this.suspendedFrom = from;
		this.suspendedAt = now;
		this.escalateAt = null;
	}

	/**
	 * The clocks run again and the whistle returns to the state it was suspended from
	 * (accepted, or on scene); the handling deadline moves by the time spent suspended.
	 */
	void resume(String actor, Instant now, Instant newHandleBy, Instant newFeedbackBy) {
		move(WhistleAction.RESUME, actor, now, suspendedFrom == null ? State.ACCEPTED : suspendedFrom, null, null);
		this.suspendedAt = null;
		this.suspendedFrom = null;
		this.handleDue = newHandleBy;
		this.feedbackDue = newFeedbackBy;
		this.escalateAt = newHandleBy;
	}

	void transfer(String actor, Instant now, TransferTarget target, String reason) {
		if (target == null) {
			throw badRequest("A transfer needs a target: one of " + java.util.Arrays.toString(TransferTarget.values()));
		}
		move(WhistleAction.TRANSFER, actor, now, State.TRANSFERRED,
				target + (reason == null || reason.isBlank() ? "" : ": " + reason), null);
		this.escalateAt = null;
	}

	void mergeInto(String actor, Instant now, UUID survivor) {
		if (survivor.equals(id)) {
			throw badRequest("A whistle cannot be merged into itself");
		}
		move(WhistleAction.MERGE, actor, now, State.MERGED, "merged into " + survivor, null);
		this.mergedInto = survivor;
		this.escalateAt = null;
	}

	void reject(String actor, Instant now, String reason) {
		require(reason, "reject");
		move(WhistleAction.REJECT, actor, now, State.REJECTED, reason, null);
		this.escalateAt = null;
	}

	/**
	 * A clock was missed: the whistle climbs one level up the grid chain (the state does
	 * not change). At level 1 there is nowhere higher to go and no further escalation is
	 * scheduled.
	 */
	void escalate(Instant now, String upperGridCode, Instant nextEscalation) {
		if (level <= 1) {
			this.escalateAt = null;
			return;
		}
		State current = state;
		checkAllowed(WhistleAction.ESCALATE);
		this.level = level - 1;
		this.levelGridCode = upperGridCode;
		this.escalations++;
		this.escalateAt = level > 1 ? nextEscalation : null;
		recorded.add(new Transition(WhistleAction.ESCALATE, "system", now, current, current, "clock missed", level));
	}

	/**
	 * The command centre presses a late item (督办): a yellow or red card, with who and
	 * why.
	 */
	void supervise(String actor, Instant now, String card, String reason) {
		if (!"YELLOW".equals(card) && !"RED".equals(card)) {
			throw badRequest("card must be YELLOW or RED");
		}
		require(reason, "supervise");
		checkAllowed(WhistleAction.SUPERVISE);
		recorded.add(new Transition(WhistleAction.SUPERVISE, actor, now, state, state, card + ": " + reason, level));
	}

	// --- machinery
	// --------------------------------------------------------------------------------------------

	private void move(WhistleAction action, String actor, Instant now, State to, String reason, Integer atLevel) {
		State from = state;
		checkAllowed(action);
		state = to;
		recorded.add(new Transition(action, actor, now, from, to, reason, atLevel));
	}

	private void checkAllowed(WhistleAction action) {
		if (!allows(action, state)) {
			throw new IllegalTransition(action, state);
		}
	}

	private static void require(String text, String action) {
		if (text == null || text.isBlank()) {
			throw badRequest("A reason is required to " + action);
		}
	}

	/** The details given with a transition do not do for it. */
	private static DomainException badRequest(String message) {
		return DomainException.invalid("bad-transition", message);
	}

	/**
	 * The clock running now, which is the clock missed when the escalation falls due;
	 * empty when no clock runs.
	 */
	java.util.Optional<Clock> runningClock() {
		return switch (state) {
			case DISPATCHED -> java.util.Optional.of(Clock.RESPOND);
			case ACCEPTED, ON_SCENE -> java.util.Optional.of(Clock.HANDLE);
			default -> java.util.Optional.empty();
		};
	}

	/**
	 * The transitions made since the whistle was loaded, to be stored as history; clears
	 * the list.
	 */
	List<Transition> takeTransitions() {
		List<Transition> copy = List.copyOf(recorded);
		recorded.clear();
		return copy;
	}

	State state() {
		return state;
	}

	int level() {
		return level;
	}

	String levelGridCode() {
		return levelGridCode;
	}

	Instant respondDue() {
		return respondDue;
	}

	Instant handleDue() {
		return handleDue;
	}

	Instant feedbackDue() {
		return feedbackDue;
	}

	Instant escalateAt() {
		return escalateAt;
	}

	Instant acceptedAt() {
		return acceptedAt;
	}

	Instant resolvedAt() {
		return resolvedAt;
	}

	Instant closedAt() {
		return closedAt;
	}

	Instant suspendedAt() {
		return suspendedAt;
	}

	/**
	 * The state a suspended whistle left, to which it resumes; null when not suspended.
	 */
	State suspendedFrom() {
		return suspendedFrom;
	}

	Integer rating() {
		return rating;
	}

	UUID mergedInto() {
		return mergedInto;
	}

	int escalations() {
		return escalations;
	}

}
