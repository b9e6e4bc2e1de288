package org.fengqiao.mediation;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.text;

/**
 * What follows an agreement: the parties may apply to a court for judicial confirmation
 * (a written agreement, within 30 days) and the court's result is recorded; follow-up
 * visits check that the agreement was performed (performed settles the case, otherwise
 * another visit is scheduled); a finished case is archived.
 */
@Service
class AfterTheAgreement {

	private final DisputeChanges changes;

	private final Disputes disputes;

	private final Clock clock;

	private final Duration followUpAfter;

	private final ApplicationEventPublisher events;

	AfterTheAgreement(DisputeChanges changes, Disputes disputes, Clock clock,
			@Value("${fengqiao.mediation.follow-up-after:15d}") Duration followUpAfter,
			ApplicationEventPublisher events) {
		this.changes = changes;
		this.disputes = disputes;
		this.clock = clock;
		this.followUpAfter = followUpAfter;
		this.events = events;
	}

	/**
	 * The parties applied to court for judicial confirmation: only for a written
	 * agreement, within its 30 days.
	 */
	@Transactional
	void applyForConfirmation(UUID id, LocalDate appliedOn, String court, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.CONFIRMATION, (c) -> {
			JudicialConfirmation confirmation = JudicialConfirmation.of(disputes.agreement(id).orElseThrow());
			LocalDate today = LocalDate.now(clock);
			LocalDate on = appliedOn == null ? today : appliedOn;
			confirmation.checkApplication(on, today, c.dispute().state());
			String courtName = text(court, 100, "missing-court", "Name the court applied to (at most 100 characters)");
			disputes.applyForConfirmation(id, on, courtName);
			c.dispute()
				.note(DisputeAction.CONFIRMATION.word(), DisputeAction.CONFIRMATION, c.actor(), c.now(),
						"申请司法确认：" + courtName + " " + on);
		});
	}

	@Transactional
	void decideConfirmation(UUID id, String result, LocalDate decidedOn, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.CONFIRMATION, (c) -> {
			JudicialConfirmation confirmation = JudicialConfirmation.of(disputes.agreement(id).orElseThrow());
			String r = result == null ? "" : result.strip().toUpperCase();
			LocalDate today = LocalDate.now(clock);
			LocalDate on = decidedOn == null ? today : decidedOn;
			confirmation.checkDecision(r, on, today, c.dispute().state());
			disputes.decideConfirmation(id, r, on);
			c.dispute()
				.note(DisputeAction.CONFIRMATION.word(), DisputeAction.CONFIRMATION, c.actor(), c.now(),
						r.equals(JudicialConfirmation.CONFIRMED) ? "司法确认有效" : "不予司法确认");
		});
	}

	/**
	 * A follow-up visit; performed settles the case, otherwise another visit is
	 * scheduled.
	 */
	@Transactional
	void followUp(UUID id, boolean performed, String notes, DisputeChanges.Actor by) {
		DisputeChanges.Change visited = changes.change(id, by, DisputeAction.FOLLOW_UP, (c) -> {
			String found = text(notes, 2000, "missing-notes",
					"Note what the follow-up visit found (at most 2000 characters)");
			LocalDate today = LocalDate.now(clock);
			disputes.recordFollowUp(id, c.now(), today, c.actor(), performed, found);
			c.dispute().followUp(c.actor(), c.now(), performed, found);
			if (!performed) {
				disputes.scheduleFollowUp(id, today.plusDays(followUpAfter.toDays()));
			}
			return c;
		});
		if (performed) {
			Dispute d = visited.dispute();
			Disputes.Facts facts = visited.facts();
			List<Long> mediators = disputes.mediators(id).stream().map(Disputes.Assignment::personId).toList();
			events.publishEvent(new DisputeSettled(id, facts.type().name(), d.settledRung().name(), facts.villageCode(),
					mediators, d.criminalRisk(), facts.peopleCount(), visited.now()));
		}
	}

	@Transactional
	void archive(UUID id, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.ARCHIVE, null, null, (c) -> {
			c.dispute().archive(c.actor(), c.now());
		});
	}

}
