package org.fengqiao.mediation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The step every change to a dispute shares: lock the dispute's row, check that the actor
 * may do this ({@link DisputePermissions}), check that the state machine allows it now
 * ({@link Dispute#ALLOWED_FROM}), let the use case make its move, and save the dispute
 * with its version and the moves it recorded. The use cases ({@link MediatorAssignment},
 * {@link MediationSessions}, {@link MediationOutcome}, {@link AfterTheAgreement},
 * {@link DisputeParties}) call it inside their own transaction, so they read as their
 * rule.
 */
@Component
class DisputeChanges {

	/**
	 * The person acting: their account, their person (if any), and whether they lead the
	 * area (command, township).
	 */
	record Actor(String username, Long personId, boolean chief) {
	}

	/** A use case's move on a locked dispute. */
	@FunctionalInterface
	interface Move<T> {

		T make(Change change);

	}

	/** A use case's move that answers nothing. */
	@FunctionalInterface
	interface Step {

		void make(Change change);

	}

	/**
	 * A dispute being changed: loaded and locked, the name to record the change under,
	 * and the time of the change.
	 */
	final class Change {

		private final Disputes.Loaded loaded;

		private final String actor;

		private final Instant now;

		private boolean saved;

		private Change(Disputes.Loaded loaded, String actor, Instant now) {
			this.loaded = loaded;
			this.actor = actor;
			this.now = now;
		}

		UUID id() {
			return loaded.dispute().id;
		}

		Dispute dispute() {
			return loaded.dispute();
		}

		Disputes.Facts facts() {
			return loaded.facts();
		}

		String actor() {
			return actor;
		}

		Instant now() {
			return now;
		}

		/** Where the dispute is, for the ladder. */
		Ladder.Place place() {
			return DisputeChanges.this.place(loaded);
		}

		/**
		 * Keeps what was recorded so far although the change is refused (e.g. a recusal
		 * the system made): saves now, and answers the refusal to throw. The caller's
		 * transaction must not roll back for it.
		 */
		DomainException refuseKeeping(DomainException refusal) {
			save();
			return refusal;
		}

		private void save() {
			if (!saved) {
				disputes.save(loaded.dispute(), loaded.version());
				saved = true;
			}
		}

	}

	private final Disputes disputes;

	private final MediationBodies bodies;

	private final Clock clock;

	DisputeChanges(Disputes disputes, MediationBodies bodies, Clock clock) {
		this.disputes = disputes;
		this.bodies = bodies;
		this.clock = clock;
	}

	/**
	 * Changes a dispute: the actor must be permitted the action and the state must allow
	 * it. Runs in the caller's transaction.
	 */
	<T> T change(UUID id, Actor by, DisputeAction action, Move<T> move) {
		return change(id, by, action, action, null, move);
	}

	void change(UUID id, Actor by, DisputeAction action, Step step) {
		change(id, by, action, action, null, asMove(step));
	}

	/**
	 * Changes a dispute: the actor must be permitted {@code permitted} (about
	 * {@code targetPerson}, if any), and the state must allow {@code checked}
	 * ({@code null} when the aggregate's verb checks it itself, after the input is
	 * checked).
	 */
	<T> T change(UUID id, Actor by, DisputeAction permitted, DisputeAction checked, Long targetPerson, Move<T> move) {
		Disputes.Loaded loaded = lock(id);
		String actor = permitted(loaded, by, permitted, targetPerson);
		if (checked != null) {
			loaded.dispute().check(checked);
		}
		Change change = new Change(loaded, actor, clock.instant());
		T result = move.make(change);
		change.save();
		return result;
	}

	void change(UUID id, Actor by, DisputeAction permitted, DisputeAction checked, Long targetPerson, Step step) {
		change(id, by, permitted, checked, targetPerson, asMove(step));
	}

	private static Move<Void> asMove(Step step) {
		return (change) -> {
			step.make(change);
			return null;
		};
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

	/** The dispute as stored now, without a lock. */
	Disputes.Loaded load(UUID id) {
		return disputes.load(id).orElseThrow(() -> noSuchDispute(id));
	}

	/**
	 * Leaving a rung: its mediators are released and its sessions not yet held are called
	 * off.
	 */
	void leaveRung(UUID id, Instant now) {
		disputes.releaseAll(id, now);
		disputes.cancelOpenSessions(id);
	}

	/** Where a dispute is, for the ladder: its place and its parties' villages. */
	Ladder.Place place(Disputes.Loaded loaded) {
		Disputes.Facts f = loaded.facts();
		String area = f.areaCode();
		String micro = area != null && area.length() == 16 ? area : null;
		return new Ladder.Place(micro, f.villageCode(), f.townshipCode(), disputes.partyVillages(loaded.dispute().id));
	}

	/** The state of a dispute, as a refusal names it. */
	static Map<String, String> state(Dispute d) {
		return Map.of("state", d.state().name());
	}

	/**
	 * Loads the dispute and locks its row until the transaction ends (changes queue
	 * behind each other).
	 */
	private Disputes.Loaded lock(UUID id) {
		return disputes.loadForUpdate(id).orElseThrow(() -> noSuchDispute(id));
	}

	private static DomainException noSuchDispute(UUID id) {
		return DomainException.notFound("no-such-dispute", "No dispute " + id);
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
				throw DomainException.notAllowed("not-your-case", "Your account is not a mediator's");
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
				throw DomainException.notAllowed("recused", "You recused from this dispute");
			}
			throw DomainException.notAllowed("not-your-case",
					"Only the dispute's mediators (or its body's, to take it) may do this");
		}
		return actor.username();
	}

}
