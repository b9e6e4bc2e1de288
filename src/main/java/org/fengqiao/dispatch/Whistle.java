package org.fengqiao.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A whistle: every item that enters dispatch, from a resident's report to a patrol's finding.
 *
 * <p>Its life: it is <em>submitted</em>, graded and <em>dispatched</em> to a level of the grid chain with a
 * response clock; a responder <em>accepts</em> it (the handling clock starts), arrives <em>on scene</em> and
 * <em>resolves</em> it; the resident <em>confirms</em> with a rating (or reopens it with a reason) and it is
 * <em>closed</em>. A late response escalates it one level up the chain, up to level 1. On the way it may be
 * <em>returned</em> as wrongly routed (and routed again), <em>suspended</em> by a chief (the clocks pause),
 * <em>transferred</em> to mediation, police or a department, <em>merged</em> into a duplicate, or
 * <em>rejected</em>. Each transition is a domain verb that checks the state machine, changes the state and
 * records one past-tense event with actor, time and reason.
 */
final class Whistle {

	enum State {
		SUBMITTED, DISPATCHED, ACCEPTED, ON_SCENE, RESOLVED, CONFIRMED, CLOSED, RETURNED, TRANSFERRED, MERGED, REJECTED,
		SUSPENDED;

		boolean isTerminal() {
			return this == CLOSED || this == TRANSFERRED || this == MERGED || this == REJECTED;
		}
	}

	/** The transitions the state machine allows, by action. */
	static final Map<String, Set<State>> ALLOWED_FROM = Map.ofEntries(
			Map.entry("dispatch", EnumSet.of(State.SUBMITTED, State.RETURNED)),
			Map.entry("accept", EnumSet.of(State.DISPATCHED)),
			Map.entry("arrive", EnumSet.of(State.ACCEPTED)),
			Map.entry("resolve", EnumSet.of(State.ACCEPTED, State.ON_SCENE)),
			Map.entry("return", EnumSet.of(State.DISPATCHED, State.ACCEPTED)),
			Map.entry("confirm", EnumSet.of(State.RESOLVED)),
			Map.entry("reopen", EnumSet.of(State.RESOLVED)),
			Map.entry("close", EnumSet.of(State.CONFIRMED, State.RESOLVED)),
			Map.entry("suspend", EnumSet.of(State.ACCEPTED, State.ON_SCENE)),
			Map.entry("resume", EnumSet.of(State.SUSPENDED)),
			Map.entry("transfer", EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.ACCEPTED, State.RETURNED)),
			Map.entry("merge", EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.RETURNED)),
			Map.entry("reject", EnumSet.of(State.SUBMITTED, State.DISPATCHED, State.RETURNED)),
			Map.entry("escalate", EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE)),
			Map.entry("supervise", EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE, State.SUSPENDED)),
			Map.entry("redispatch", EnumSet.of(State.DISPATCHED, State.ACCEPTED, State.ON_SCENE)));

	/** One recorded transition. */
	record Transition(String action, String actor, Instant at, State from, State to, String reason, Integer level) {
	}

	/** The transition is not allowed in the current state. */
	static final class IllegalTransition extends IllegalStateException {

		final State current;

		IllegalTransition(String action, State current) {
			super("Cannot " + action + " a whistle that is " + current);
			this.current = current;
		}
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
			Instant suspendedAt, Integer rating, UUID mergedInto, int escalations) {
		Whistle w = new Whistle(id, state, level, levelGridCode);
		w.respondDue = respondDue;
		w.handleDue = handleDue;
		w.feedbackDue = feedbackDue;
		w.escalateAt = escalateAt;
		w.acceptedAt = acceptedAt;
		w.resolvedAt = resolvedAt;
		w.closedAt = closedAt;
		w.suspendedAt = suspendedAt;
		w.rating = rating;
		w.mergedInto = mergedInto;
		w.escalations = escalations;
		return w;
	}

	// --- transitions ------------------------------------------------------------------------------------------

	/** Gives the whistle order to a level of the grid chain with a response clock. */
	void dispatch(String actor, Instant now, int toLevel, String gridCode, Instant respondBy, String reason) {
		move("dispatch", actor, now, State.DISPATCHED, reason, toLevel);
		giveOrder(toLevel, gridCode, respondBy);
	}

	private void giveOrder(int toLevel, String gridCode, Instant respondBy) {
		this.level = toLevel;
		this.levelGridCode = gridCode;
		this.respondDue = respondBy;
		this.escalateAt = respondBy;
	}

	/** The command centre sends the order again, to a level of its choice, with a fresh response clock. */
	void redispatch(String actor, Instant now, int toLevel, String gridCode, Instant respondBy, String reason) {
		require(reason, "redispatch");
		move("redispatch", actor, now, State.DISPATCHED, reason, toLevel);
		giveOrder(toLevel, gridCode, respondBy);
		this.acceptedAt = null;
		this.handleDue = null;
		this.feedbackDue = null;
	}

	/** A responder responds: the response clock stops, the handling clock starts. */
	void accept(String actor, Instant now, Instant handleBy, Instant feedbackBy) {
		move("accept", actor, now, State.ACCEPTED, null, null);
		this.acceptedAt = now;
		this.handleDue = handleBy;
		this.feedbackDue = feedbackBy;
		this.escalateAt = handleBy;
	}

	void arrive(String actor, Instant now) {
		move("arrive", actor, now, State.ON_SCENE, null, null);
	}

	void resolve(String actor, Instant now, String notes) {
		require(notes, "resolve");
		move("resolve", actor, now, State.RESOLVED, notes, null);
		this.resolvedAt = now;
		this.escalateAt = null;
	}

	/** Wrongly routed: handed back with a reason, to be routed again (never lost). */
	void returnForRerouting(String actor, Instant now, String reason) {
		require(reason, "return");
		move("return", actor, now, State.RETURNED, reason, null);
		this.escalateAt = null;
	}

	void confirm(String actor, Instant now, int stars) {
		if (stars < 1 || stars > 5) {
			throw new IllegalArgumentException("A rating is 1 to 5");
		}
		move("confirm", actor, now, State.CONFIRMED, null, null);
		this.rating = stars;
		move("close", "system", now, State.CLOSED, "confirmed by the resident", null);
		this.closedAt = now;
	}

	/** The resident is not satisfied: the whistle goes back to its responders with fresh clocks (rework). */
	void reopen(String actor, Instant now, String reason, Instant respondBy) {
		require(reason, "reopen");
		move("reopen", actor, now, State.DISPATCHED, reason, level);
		this.resolvedAt = null;
		this.respondDue = respondBy;
		this.escalateAt = respondBy;
	}

	void close(String actor, Instant now, String reason) {
		move("close", actor, now, State.CLOSED, reason, null);
		this.closedAt = now;
		this.escalateAt = null;
	}

	/** A chief approves a suspension with a reason: the clocks stop until it is resumed. */
	void suspend(String actor, Instant now, String reason) {
		require(reason, "suspend");
		move("suspend", actor, now, State.SUSPENDED, reason, null);
		this.suspendedAt = now;
		this.escalateAt = null;
	}

	/** The clocks run again; the handling deadline moves by the time spent suspended. */
	void resume(String actor, Instant now, Instant newHandleBy, Instant newFeedbackBy) {
		move("resume", actor, now, State.ACCEPTED, null, null);
		this.suspendedAt = null;
		this.handleDue = newHandleBy;
		this.feedbackDue = newFeedbackBy;
		this.escalateAt = newHandleBy;
	}

	void transfer(String actor, Instant now, String target, String reason) {
		require(target, "transfer");
		move("transfer", actor, now, State.TRANSFERRED, target + (reason == null ? "" : ": " + reason), null);
		this.escalateAt = null;
	}

	void mergeInto(String actor, Instant now, UUID survivor) {
		if (survivor.equals(id)) {
			throw new IllegalArgumentException("A whistle cannot be merged into itself");
		}
		move("merge", actor, now, State.MERGED, "merged into " + survivor, null);
		this.mergedInto = survivor;
		this.escalateAt = null;
	}

	void reject(String actor, Instant now, String reason) {
		require(reason, "reject");
		move("reject", actor, now, State.REJECTED, reason, null);
		this.escalateAt = null;
	}

	/**
	 * A clock was missed: the whistle climbs one level up the grid chain (the state does not change). At level 1
	 * there is nowhere higher to go and no further escalation is scheduled.
	 */
	void escalate(Instant now, String upperGridCode, Instant nextEscalation) {
		if (level <= 1) {
			this.escalateAt = null;
			return;
		}
		State current = state;
		checkAllowed("escalate");
		this.level = level - 1;
		this.levelGridCode = upperGridCode;
		this.escalations++;
		this.escalateAt = level > 1 ? nextEscalation : null;
		recorded.add(new Transition("escalate", "system", now, current, current, "clock missed", level));
	}

	/** The command centre presses a late item (督办): a yellow or red card, with who and why. */
	void supervise(String actor, Instant now, String card, String reason) {
		if (!"YELLOW".equals(card) && !"RED".equals(card)) {
			throw new IllegalArgumentException("card must be YELLOW or RED");
		}
		require(reason, "supervise");
		checkAllowed("supervise");
		recorded.add(new Transition("supervise", actor, now, state, state, card + ": " + reason, level));
	}

	// --- machinery --------------------------------------------------------------------------------------------

	private void move(String action, String actor, Instant now, State to, String reason, Integer atLevel) {
		State from = state;
		checkAllowed(action);
		state = to;
		recorded.add(new Transition(action, actor, now, from, to, reason, atLevel));
	}

	private void checkAllowed(String action) {
		if (!ALLOWED_FROM.get(action).contains(state)) {
			throw new IllegalTransition(action, state);
		}
	}

	private static void require(String text, String action) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("A reason is required to " + action);
		}
	}

	/** The transitions made since the whistle was loaded, to be stored as history; clears the list. */
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
