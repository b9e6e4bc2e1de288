package org.fengqiao.dispatch;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.fengqiao.platform.DomainException;

/**
 * Who may do what to a whistle: one table of action × role × state × relation to the
 * whistle, used by the API and the pages alike, and checked by {@link Dispatcher#act}
 * inside the change, under the whistle's row lock.
 *
 * <p>
 * The state is the state machine's ({@link Whistle#ALLOWED_FROM}); the table adds, per
 * action and role, what relation the actor must have to the whistle: in their data scope
 * (chiefs: the area they lead), summoned to it (a responder), the resident holding its
 * tracking code, or for a merge in scope of both whistles. The rules in words:
 * confirming, reopening and rating belong to the resident alone; leaving dispatch
 * (transfer, reject), pausing the clocks, pressing (supervise) and sending the order
 * again are for chiefs of the area; the work itself (accept, arrive, resolve, return) for
 * the people summoned or the chiefs of the area; a resolved whistle is closed by the
 * resident's confirmation, or by the command centre once the confirmation window has
 * passed. {@code docs/permissions.md} documents the same table and a test compares the
 * two cell by cell.
 */
final class WhistlePermissions {

	/**
	 * The roles that act on whistles (from the account's roles; the resident and the
	 * system have none).
	 */
	enum Role {

		COMMAND, STATION, TOWNSHIP, GRID_WORKER, OFFICER, RESIDENT, SYSTEM;

		boolean isChief() {
			return this == COMMAND || this == STATION || this == TOWNSHIP;
		}

	}

	/** How the actor stands to the whistle, worked out under the row lock. */
	enum Relation {

		/**
		 * The whistle lies in the actor's data scope (for a chief: the area they lead).
		 */
		IN_SCOPE,
		/** The actor's person is summoned to the whistle ({@code whistle_responder}). */
		RESPONDER,
		/** The actor is the resident, acting with the whistle's tracking code. */
		TRACKING_CODE,
		/** For a merge: the surviving whistle lies in the actor's data scope too. */
		TARGET_IN_SCOPE

	}

	/** What a cell of the table asks of the actor. */
	enum Requirement {

		NEVER("—"), ALWAYS("yes"), IN_SCOPE("scope"), RESPONDER("responder"), TRACKING_CODE("code"),
		BOTH_IN_SCOPE("scope of both");

		final String cell;

		Requirement(String cell) {
			this.cell = cell;
		}

		boolean metBy(Set<Relation> relations) {
			return switch (this) {
				case NEVER -> false;
				case ALWAYS -> true;
				case IN_SCOPE -> relations.contains(Relation.IN_SCOPE);
				case RESPONDER -> relations.contains(Relation.RESPONDER);
				case TRACKING_CODE -> relations.contains(Relation.TRACKING_CODE);
				case BOTH_IN_SCOPE ->
					relations.contains(Relation.IN_SCOPE) && relations.contains(Relation.TARGET_IN_SCOPE);
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
	 * The actor may not do this: {@code hidden} when the whistle is outside everything
	 * the actor may see, and then it does not exist for them.
	 */
	static final class Denied extends DomainException {

		final boolean hidden;

		Denied(boolean hidden, String message) {
			super(hidden ? Kind.NOT_FOUND : Kind.NOT_ALLOWED, hidden ? "whistle-not-found" : "not-allowed", message);
			this.hidden = hidden;
		}

	}

	private static final Map<WhistleAction, Map<Role, Requirement>> TABLE = table();

	private static Map<WhistleAction, Map<Role, Requirement>> table() {
		Map<WhistleAction, Map<Role, Requirement>> t = new EnumMap<>(WhistleAction.class);
		for (WhistleAction a : WhistleAction.values()) {
			Map<Role, Requirement> row = new EnumMap<>(Role.class);
			for (Role r : Role.values()) {
				row.put(r, Requirement.NEVER);
			}
			t.put(a, row);
		}
		// The system routes, escalates and closes what the resident confirmed (or left
		// past the window).
		t.get(WhistleAction.DISPATCH).put(Role.SYSTEM, Requirement.ALWAYS);
		t.get(WhistleAction.ESCALATE).put(Role.SYSTEM, Requirement.ALWAYS);
		t.get(WhistleAction.CLOSE).put(Role.SYSTEM, Requirement.ALWAYS);
		// The work: the people summoned, or the chiefs of the area.
		for (WhistleAction a : EnumSet.of(WhistleAction.ACCEPT, WhistleAction.ARRIVE, WhistleAction.RESOLVE,
				WhistleAction.RETURN)) {
			chiefs(t, a, Requirement.IN_SCOPE);
			t.get(a).put(Role.GRID_WORKER, Requirement.RESPONDER);
			t.get(a).put(Role.OFFICER, Requirement.RESPONDER);
		}
		for (Role r : EnumSet.of(Role.COMMAND, Role.STATION, Role.TOWNSHIP, Role.GRID_WORKER, Role.OFFICER)) {
			t.get(WhistleAction.CHECKIN).put(r, Requirement.RESPONDER);
		}
		// The resident's alone, by tracking code.
		t.get(WhistleAction.CONFIRM).put(Role.RESIDENT, Requirement.TRACKING_CODE);
		t.get(WhistleAction.REOPEN).put(Role.RESIDENT, Requirement.TRACKING_CODE);
		// Closing without the resident: the command centre, and only after the
		// confirmation window (see Whistle.close).
		t.get(WhistleAction.CLOSE).put(Role.COMMAND, Requirement.IN_SCOPE);
		// Chiefs of the area decide.
		for (WhistleAction a : EnumSet.of(WhistleAction.SUSPEND, WhistleAction.RESUME, WhistleAction.SUPERVISE,
				WhistleAction.REJECT, WhistleAction.REDISPATCH, WhistleAction.TRANSFER)) {
			chiefs(t, a, Requirement.IN_SCOPE);
		}
		// A duplicate: whoever may see both whistles.
		chiefs(t, WhistleAction.MERGE, Requirement.BOTH_IN_SCOPE);
		t.get(WhistleAction.MERGE).put(Role.GRID_WORKER, Requirement.BOTH_IN_SCOPE);
		t.get(WhistleAction.MERGE).put(Role.OFFICER, Requirement.BOTH_IN_SCOPE);
		Map<WhistleAction, Map<Role, Requirement>> frozen = new EnumMap<>(WhistleAction.class);
		t.forEach((a, row) -> frozen.put(a, java.util.Collections.unmodifiableMap(row)));
		return java.util.Collections.unmodifiableMap(frozen);
	}

	private static void chiefs(Map<WhistleAction, Map<Role, Requirement>> t, WhistleAction a, Requirement r) {
		t.get(a).put(Role.COMMAND, r);
		t.get(a).put(Role.STATION, r);
		t.get(a).put(Role.TOWNSHIP, r);
	}

	private WhistlePermissions() {
	}

	/**
	 * The data scope rule for whistles: the whistle's basic grid, or its police grid,
	 * lies in the scope.
	 */
	static boolean inScope(org.fengqiao.organisation.DataScope scope, String gridCode, String policeGridCode) {
		return scope.all() || gridCode != null && scope.covers(gridCode)
				|| policeGridCode != null && scope.coversPoliceGrid(policeGridCode);
	}

	/** What the role must be to the whistle for the action, whatever the state. */
	static Requirement requirement(WhistleAction action, Role role) {
		return TABLE.get(action).get(role);
	}

	/**
	 * What the role must be to a whistle in this state: {@code NEVER} where the state
	 * machine refuses.
	 */
	static Requirement requirement(WhistleAction action, Role role, Whistle.State state) {
		return Whistle.allows(action, state) ? requirement(action, role) : Requirement.NEVER;
	}

	/**
	 * The whole rule: may a role with these relations do the action to a whistle in this
	 * state.
	 */
	static boolean permits(Role role, WhistleAction action, Whistle.State state, Set<Relation> relations) {
		return requirement(action, role, state).metBy(relations);
	}

	/**
	 * Checks an actor (who may hold several roles) against the table. A staff member who
	 * neither sees the whistle nor is summoned to it is refused as if it did not exist;
	 * one who may never do this action is refused. The state is left to the state
	 * machine, so "not now" (a conflict) stays apart from "never you" (forbidden).
	 */
	static void check(Set<Role> roles, WhistleAction action, Set<Relation> relations) {
		requireVisible(roles, relations);
		if (roles.stream().noneMatch(r -> requirement(action, r).metBy(relations))) {
			throw new Denied(false, "You may not " + action + " this whistle" + explanation(action));
		}
	}

	/**
	 * A member of staff who neither sees the whistle nor is summoned to it is told it
	 * does not exist.
	 */
	static void requireVisible(Set<Role> roles, Set<Relation> relations) {
		boolean staff = roles.stream().anyMatch(r -> r != Role.RESIDENT && r != Role.SYSTEM);
		boolean sees = roles.contains(Role.SYSTEM) || roles.contains(Role.RESIDENT)
				|| relations.contains(Relation.IN_SCOPE) || relations.contains(Relation.RESPONDER);
		if (staff && !sees) {
			throw new Denied(true, "No such whistle in your area");
		}
	}

	private static String explanation(WhistleAction action) {
		StringJoiner who = new StringJoiner(", ", ": allowed for ", "").setEmptyValue("");
		for (Role r : Role.values()) {
			Requirement q = requirement(action, r);
			if (q != Requirement.NEVER) {
				who.add(r + ": " + q.cell);
			}
		}
		return who.toString();
	}

	/**
	 * The table as Markdown, one row per action and state the state machine allows, one
	 * column per role.
	 */
	static String markdown() {
		StringBuilder md = new StringBuilder("| action | state |");
		StringBuilder rule = new StringBuilder("| --- | --- |");
		for (Role r : Role.values()) {
			md.append(' ').append(r).append(" |");
			rule.append(" --- |");
		}
		md.append('\n').append(rule).append('\n');
		for (WhistleAction a : WhistleAction.values()) {
			for (Whistle.State s : Whistle.State.values()) {
				if (!Whistle.allows(a, s)) {
					continue;
				}
				md.append("| ").append(a.word()).append(" | ").append(s).append(" |");
				for (Role r : Role.values()) {
					md.append(' ').append(requirement(a, r, s).cell).append(" |");
				}
				md.append('\n');
			}
		}
		return md.toString();
	}

}
