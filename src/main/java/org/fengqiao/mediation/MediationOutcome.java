package org.fengqiao.mediation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.blank;
import static org.fengqiao.mediation.DisputeInput.invalid;
import static org.fengqiao.mediation.DisputeInput.text;

/**
 * How mediation on a rung ends, or changes course: the parties agree (written or oral),
 * it fails (the dispute climbs, or mediation is terminated with notice of other
 * remedies), the applicant withdraws, the dispute is referred out of people's mediation,
 * a court-delegated mediation is extended, or the risk colour changes (red sends the
 * dispute up to the town).
 */
@Service
class MediationOutcome {

	/** The contents of an agreement. */
	record MediationAgreementInput(String kind, String facts, String obligations, String performance,
			LocalDate performanceDue, BigDecimal amount) {
	}

	private final DisputeChanges changes;

	private final Disputes disputes;

	private final Ladder ladder;

	private final Clock clock;

	private final Duration followUpAfter;

	private final ApplicationEventPublisher events;

	MediationOutcome(DisputeChanges changes, Disputes disputes, Ladder ladder, Clock clock,
			@Value("${fengqiao.mediation.follow-up-after:15d}") Duration followUpAfter,
			ApplicationEventPublisher events) {
		this.changes = changes;
		this.disputes = disputes;
		this.ladder = ladder;
		this.clock = clock;
		this.followUpAfter = followUpAfter;
		this.events = events;
	}

	/**
	 * The parties agree: written (a 调解协议书 with the statutory contents; the parties may
	 * apply for judicial confirmation within 30 days) or oral (recorded). The dispute
	 * itself refuses an agreement without a session held on its rung, and a written one
	 * without two parties. A follow-up visit is scheduled for after the performance date.
	 */
	@Transactional
	void agree(UUID id, MediationAgreementInput a, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.AGREE, (c) -> {
			Dispute d = c.dispute();
			if (a == null) {
				throw invalid("bad-agreement", "Send the agreement as JSON");
			}
			String kind = a.kind() == null ? "WRITTEN" : a.kind().strip().toUpperCase();
			if (!kind.equals("WRITTEN") && !kind.equals("ORAL")) {
				throw invalid("bad-agreement", "An agreement is WRITTEN or ORAL");
			}
			String statement = "An agreement states the facts and dispute, the obligations, and the manner and time of performance"
					+ " (each at most 4000 characters)";
			String facts = text(a.facts(), 4000, "bad-agreement", statement);
			String obligations = text(a.obligations(), 4000, "bad-agreement", statement);
			String performance = text(a.performance(), 4000, "bad-agreement", statement);
			DisputeInput.checkAmount(a.amount());
			boolean written = kind.equals("WRITTEN");
			int heldSessions = disputes.heldSessions(id, d.rungSince());
			int parties = disputes.parties(id).size();
			LocalDate today = LocalDate.now(clock);
			if (a.performanceDue() != null && a.performanceDue().isBefore(today)) {
				throw invalid("bad-agreement", "The performance date cannot be in the past");
			}
			d.agree(c.actor(), c.now(), written, heldSessions, parties, written ? "书面调解协议" : "口头调解协议");
			disputes.insertAgreement(id, kind, facts, obligations, performance, a.performanceDue(), a.amount(), today,
					written ? today.plusDays(30) : null);
			LocalDate followUp = (a.performanceDue() != null ? a.performanceDue() : today)
				.plusDays(followUpAfter.toDays());
			disputes.scheduleFollowUp(id, followUp);
		});
	}

	/**
	 * Mediation failed: the dispute climbs to the next rung's body, or mediation ends
	 * with notice of other remedies (also after an agreement that was not performed or
	 * that a court refused to confirm).
	 */
	@Transactional
	void fail(UUID id, boolean escalate, String reason, DisputeChanges.Actor by) {
		DisputeChanges.Change moved = changes.change(id, by, DisputeAction.FAIL,
				escalate ? DisputeAction.FAIL : DisputeAction.TERMINATE, null, (c) -> {
					Dispute d = c.dispute();
					String why = text(reason, 2000, "missing-reason",
							"Say why mediation failed (at most 2000 characters)");
					if (escalate) {
						Ladder.Placement to = ladder.placeAt(d.nextRung(), c.place(), why);
						d.failAndEscalate(c.actor(), c.now(), to.bodyCode(), ladder.dueFrom(c.now()), why);
						if (d.rung() != to.rung()) {
							// The next rung has no body here: climb on to the one that
							// has.
							d.escalate(c.actor(), c.now(), to.rung(), to.bodyCode(), ladder.dueFrom(c.now()),
									"上一级无调解组织");
						}
						changes.leaveRung(id, c.now());
					}
					else {
						d.terminate(c.actor(), c.now(), "终止调解，已告知当事人可通过仲裁、行政、司法等途径维护权利：" + why);
					}
					return c;
				});
		if (escalate) {
			Dispute d = moved.dispute();
			events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), moved.now()));
		}
	}

	@Transactional
	void withdraw(UUID id, String reason, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.WITHDRAW, null, null, (c) -> {
			String why = blank(reason) ? "当事人撤回"
					: text(reason, 2000, "bad-reason", "A reason has at most 2000 characters");
			c.dispute().withdraw(c.actor(), c.now(), why);
		});
	}

	@Transactional
	void refer(UUID id, String target, String reason, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.REFER, null, null, (c) -> {
			Dispute.Referral to;
			try {
				to = Dispute.Referral.valueOf(target == null ? "" : target.strip().toUpperCase());
			}
			catch (IllegalArgumentException e) {
				throw invalid("bad-referral", "Refer to COURT, ARBITRATION, ADMINISTRATIVE or PETITION");
			}
			c.dispute()
				.refer(c.actor(), c.now(), to, blank(reason) ? null
						: text(reason, 2000, "bad-reason", "A reason has at most 2000 characters"));
		});
	}

	/**
	 * Extends a court-delegated mediation (诉前委派) once by the rung limit (30 days), as the
	 * court may allow; other disputes climb instead. The dispute refuses a second
	 * extension and one of a dispute not delegated by a court.
	 */
	@Transactional
	void extend(UUID id, String reason, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.EXTEND, (c) -> {
			Dispute d = c.dispute();
			boolean extendedBefore = disputes.history(id).stream().anyMatch(h -> "extend".equals(h.action()));
			String why = text(reason, 500, "missing-reason",
					"Say why (e.g. the court's consent), at most 500 characters");
			d.extend(c.actor(), c.now(), "COURT".equals(c.facts().source()), extendedBefore,
					d.rungDue().plus(ladder.limit()), "延长调解期限：" + why);
		});
	}

	/**
	 * Overrides the risk colour and civil-to-criminal flag with a reason; red sends the
	 * dispute up to the town.
	 */
	@Transactional
	void changeRisk(UUID id, String colourName, Boolean criminalRisk, String reason, DisputeChanges.Actor by) {
		DisputeChanges.Change climbed = changes.change(id, by, DisputeAction.RISK, null, null, (c) -> {
			Dispute d = c.dispute();
			String why = text(reason, 500, "missing-override-reason",
					"Changing the risk colour or civil-to-criminal flag needs a reason (at most 500 characters)");
			boolean criminal = criminalRisk == null ? d.criminalRisk() : criminalRisk;
			RiskColour colour = DisputeInput.colour(colourName);
			Instant now = c.now();
			d.changeRisk(c.actor(), now, colour, criminal, why);
			disputes.setOverrideReason(id, why);
			if (d.state().isOpen()) {
				List<String> reasons = new ArrayList<>();
				Ladder.Place place = c.place();
				Rung required = ladder.required(place, colour, reasons);
				if (d.rung().isBelow(required)) {
					Ladder.Placement to = ladder.placeAt(required, place, String.join("；", reasons));
					d.escalate(c.actor(), now, to.rung(), to.bodyCode(), ladder.dueFrom(now), to.reason());
					changes.leaveRung(id, now);
					return c;
				}
			}
			return null;
		});
		if (climbed != null) {
			Dispute d = climbed.dispute();
			events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), climbed.now()));
		}
	}

}
