package org.fengqiao.mediation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what to a dispute: the same shape as the whistle table (action × role ×
 * state × relation to the dispute), checked by {@link DisputeChanges} inside each change
 * under the dispute's row lock. The command centre and township staff (chiefs) act on
 * every dispute in their area; a mediator acts on the disputes they mediate, may take
 * (assign) a dispute of the body they serve, may recuse themselves, and does nothing on a
 * dispute they recused from. The state is the state machine's
 * ({@link Dispute#ALLOWED_FROM}). {@code docs/permissions.md} documents the same table
 * and a test compares the two cell by cell.
 */
final class DisputePermissions {

	/**
	 * CHIEF: an account with the COMMAND or TOWNSHIP role; MEDIATOR: any other account
	 * that may post to disputes.
	 */
	enum Role {

		CHIEF, MEDIATOR

	}

	enum Relation {

		/**
		 * The dispute lies in the actor's data scope (checked by {@code DisputeAccess}
		 * before, 404 otherwise).
		 */
		IN_SCOPE,
		/** The actor's person is one of the dispute's mediators. */
		ON_CASE,
		/** The actor's person mediates for the dispute's current body. */
		OF_BODY,
		/** The person the action is about (recusal) is the actor's. */
		SELF,
		/** The actor's person recused from the dispute: nothing more for them. */
		RECUSED

	}

	enum Requirement {

		NEVER("—"), IN_SCOPE("scope"), ON_CASE("on the case"), ON_CASE_OR_BODY("on the case or of its body"),
		SELF_OR_ON_CASE("self or on the case");

		final String cell;

		Requirement(String cell) {
			this.cell = cell;
		}

		boolean metBy(Set<Relation> r) {
			return switch (this) {
				case NEVER -> false;
				case IN_SCOPE -> r.contains(Relation.IN_SCOPE);
				case ON_CASE -> !r.contains(Relation.RECUSED) && r.contains(Relation.ON_CASE);
				case ON_CASE_OR_BODY ->
					!r.contains(Relation.RECUSED) && (r.contains(Relation.ON_CASE) || r.contains(Relation.OF_BODY));
				case SELF_OR_ON_CASE ->
					!r.contains(Relation.RECUSED) && (r.contains(Relation.SELF) || r.contains(Relation.ON_CASE));
			};
		}

		static Requirement ofCell(String cell) {
			for (Requirement r : values()) {
				if (r.cell.equals(cell.strip())) {
					return r;
				}
			}
			throw new IllegalArgumentException("No requirement is written " + cell);
		}

	}

	/**
	 * The actions checked, each with the states the state machine lets it start from, in
	 * the order of the table in {@code docs/permissions.md}. Escalating (the system's)
	 * and terminating (one way of failing) are not checked on their own.
	 */
	static final Map<DisputeAction, Set<Dispute.State>> ACTIONS = actions();

	private static Map<DisputeAction, Set<Dispute.State>> actions() {
		EnumMap<DisputeAction, Set<Dispute.State>> a = new EnumMap<>(DisputeAction.class);
		for (DisputeAction action : DisputeAction.values()) {
			Set<Dispute.State> states = switch (action) {
				// Failing either sends the dispute up a rung or terminates mediation.
				case FAIL -> union(Dispute.ALLOWED_FROM.get(DisputeAction.FAIL),
						Dispute.ALLOWED_FROM.get(DisputeAction.TERMINATE));
				case ESCALATE, TERMINATE -> null;
				case ASSIGN, RECUSE, PARTY, SESSION, AGREE, WITHDRAW, REFER, EXTEND, RISK, CONFIRMATION, FOLLOW_UP,
						ARCHIVE, PRINT ->
					Dispute.ALLOWED_FROM.get(action);
			};
			if (states != null) {
				a.put(action, Collections.unmodifiableSet(EnumSet.copyOf(states)));
			}
		}
		return Collections.unmodifiableMap(a);
	}

	private static Set<Dispute.State> union(Set<Dispute.State> a, Set<Dispute.State> b) {
		Set<Dispute.State> u = EnumSet.copyOf(a);
		u.addAll(b);
		return u;
	}

	private DisputePermissions() {
	}

	/** What the role must be to the dispute for the action, whatever the state. */
	static Requirement requirement(DisputeAction action, Role role) {
		if (!ACTIONS.containsKey(action)) {
			throw new IllegalArgumentException("Unknown dispute action " + action);
		}
		if (role == Role.CHIEF) {
			return Requirement.IN_SCOPE;
		}
		return switch (action) {
			case ASSIGN -> Requirement.ON_CASE_OR_BODY;
			case RECUSE -> Requirement.SELF_OR_ON_CASE;
			default -> Requirement.ON_CASE;
		};
	}

	static boolean permits(Role role, DisputeAction action, Dispute.State state, Set<Relation> relations) {
		return ACTIONS.containsKey(action) && ACTIONS.get(action).contains(state)
				&& requirement(action, role).metBy(relations);
	}

	/** The table as Markdown, one row per action and state, one column per role. */
	static String markdown() {
		StringBuilder md = new StringBuilder("| action | state |");
		StringBuilder rule = new StringBuilder("| --- | --- |");
		for (Role r : Role.values()) {
			md.append(' ').append(r).append(" |");
			rule.append(" --- |");
		}
		md.append('\n').append(rule).append('\n');
		ACTIONS.forEach((action, states) -> {
			for (Dispute.State s : Dispute.State.values()) {
				if (states.contains(s)) {
					md.append("| ").append(action.word()).append(" | ").append(s).append(" |");
					for (Role r : Role.values()) {
						md.append(' ').append(requirement(action, r).cell).append(" |");
					}
					md.append('\n');
				}
			}
		});
		return md.toString();
	}

}
