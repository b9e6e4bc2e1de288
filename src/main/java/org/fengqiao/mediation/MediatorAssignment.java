package org.fengqiao.mediation;

import java.util.Map;
import java.util.UUID;

import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mediators on a dispute: one of the current body's mediators, or a third-party mediator
 * from the county's pool, takes or is assigned the case (the first one starts mediation);
 * a mediator related to a party recuses and is never assignable to the dispute again.
 */
@Service
class MediatorAssignment {

	/**
	 * The mediator is a party to the dispute: the system recorded their recusal, which
	 * stays although the assignment is refused.
	 */
	static final class PartyMustRecuse extends DomainException {

		PartyMustRecuse(String mediatorName, Dispute.State state) {
			super(Kind.CONFLICT, "recused", mediatorName + " is a party to this dispute and must recuse",
					Map.of("state", state.name()));
		}

	}

	private final DisputeChanges changes;

	private final Disputes disputes;

	private final MediationBodies bodies;

	MediatorAssignment(DisputeChanges changes, Disputes disputes, MediationBodies bodies) {
		this.changes = changes;
		this.disputes = disputes;
		this.bodies = bodies;
	}

	/**
	 * Puts a mediator on the case. A mediator who recused from this dispute is refused; a
	 * mediator who is a party is recused by the system (recorded, and refused).
	 */
	@Transactional(noRollbackFor = PartyMustRecuse.class)
	void assign(UUID id, long personId, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.ASSIGN, DisputeAction.ASSIGN, personId, (c) -> {
			Dispute d = c.dispute();
			MediationBodies.Mediator mediator = mediator(personId);
			if (disputes.isRecused(id, personId)) {
				throw new DomainException(DomainException.Kind.CONFLICT, "recused",
						mediator.name() + " recused from this dispute and cannot be assigned to it",
						DisputeChanges.state(d));
			}
			if (mediator.idNumberHash() != null && disputes.isParty(id, mediator.idNumberHash())) {
				disputes.recuse(id, personId, "调解员本人为当事人，依法回避", c.now(), "system");
				d.note(DisputeAction.RECUSE.word(), DisputeAction.RECUSE, "system", c.now(),
						mediator.name() + "：调解员本人为当事人，依法回避");
				throw c.refuseKeeping(new PartyMustRecuse(mediator.name(), d.state()));
			}
			boolean ofBody = d.bodyCode() != null
					&& bodies.mediatorsOf(d.bodyCode()).stream().anyMatch(m -> m.personId() == personId);
			if (!ofBody && !mediator.isThirdParty()) {
				throw DomainException.rejected("not-a-mediator-here",
						mediator.name() + " does not mediate for the dispute's current body " + d.bodyCode());
			}
			if (disputes.isAssigned(id, personId)) {
				return;
			}
			String role = mediator.isThirdParty() ? "THIRD_PARTY"
					: disputes.mediators(id).isEmpty() ? "LEAD" : "MEMBER";
			disputes.assign(id, personId, role, c.now(), c.actor());
			d.assign(c.actor(), c.now(), mediator.name());
		});
	}

	/**
	 * A mediator related to a party steps aside: recorded, released from the case, and
	 * never assignable to it.
	 */
	@Transactional
	void recuse(UUID id, long personId, String reason, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.RECUSE, DisputeAction.RECUSE, personId, (c) -> {
			String why = DisputeInput.text(reason, 500, "missing-reason",
					"Say why the mediator recuses (e.g. a relative of a party)");
			MediationBodies.Mediator mediator = mediator(personId);
			disputes.recuse(id, personId, why, c.now(), c.actor());
			disputes.release(id, personId, c.now());
			c.dispute()
				.note(DisputeAction.RECUSE.word(), DisputeAction.RECUSE, c.actor(), c.now(),
						mediator.name() + "：" + why);
		});
	}

	private MediationBodies.Mediator mediator(long personId) {
		return bodies.mediator(personId)
			.orElseThrow(() -> DomainException.rejected("not-a-mediator", "Person " + personId + " is not a mediator"));
	}

}
