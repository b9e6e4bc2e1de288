package org.fengqiao.mediation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disputes whose rung's time limit passed climb one rung, to the body that serves their
 * place there; the {@link LadderClock} calls this in batches.
 */
@Service
class OverdueDisputes {

	private final Disputes disputes;

	private final DisputeChanges changes;

	private final Ladder ladder;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	OverdueDisputes(Disputes disputes, DisputeChanges changes, Ladder ladder, Clock clock,
			ApplicationEventPublisher events) {
		this.disputes = disputes;
		this.changes = changes;
		this.ladder = ladder;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Moves every dispute whose rung's time limit has passed one rung up (at most
	 * {@code limit} of them, claimed with {@code FOR UPDATE SKIP LOCKED}); returns how
	 * many climbed.
	 */
	@Transactional
	int escalateOverdue(int limit) {
		Instant now = clock.instant();
		int climbed = 0;
		for (UUID id : disputes.overdue(now, limit)) {
			Disputes.Loaded loaded = changes.load(id);
			Dispute d = loaded.dispute();
			Ladder.Placement to = ladder.placeAt(d.nextRung(), changes.place(loaded), null);
			d.escalate("system", now, to.rung(), to.bodyCode(), ladder.dueFrom(now),
					"超过" + ladder.limit().toDays() + "天办理期限未化解，自动上交");
			changes.leaveRung(id, now);
			disputes.save(d, loaded.version());
			events.publishEvent(new DisputeEscalated(id, d.rung().name(), d.bodyCode(), now));
			climbed++;
		}
		return climbed;
	}

}
