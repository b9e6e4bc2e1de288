package org.fengqiao.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates whistles whose clock ran out, one level up the grid chain at a time, up to
 * level 1.
 *
 * <p>
 * Cluster-safe: due whistles are claimed with {@code FOR UPDATE SKIP LOCKED} inside the
 * transaction that escalates them and moves their next escalation time, so with several
 * nodes on one database every escalation happens exactly once. The clocks live in the
 * database, so they survive restarts; a node polls once a second on a partial index that
 * holds only pending escalations, which costs next to nothing when nothing is due.
 */
@Component
class Escalator {

	private static final Logger log = LoggerFactory.getLogger(Escalator.class);

	private final Whistles whistles;

	private final Catalogue catalogue;

	private final Dispatcher dispatcher;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Escalator(Whistles whistles, Catalogue catalogue, Dispatcher dispatcher, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.whistles = whistles;
		this.catalogue = catalogue;
		this.dispatcher = dispatcher;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fengqiao.dispatch.escalation.poll:1000}",
			initialDelayString = "${fengqiao.dispatch.escalation.initial-delay:5000}")
	void tick() {
		int done;
		do {
			done = escalateDue(clock.instant(), 200);
		}
		while (done == 200);
	}

	/**
	 * Escalates up to {@code limit} whistles due at {@code now}; returns how many this
	 * node claimed.
	 */
	int escalateDue(Instant now, int limit) {
		Integer count = transactions.execute(status -> {
			List<UUID> due = whistles.dueForEscalation(now, limit);
			for (UUID id : due) {
				Whistles.Loaded loaded = whistles.load(id).orElseThrow();
				Whistle w = loaded.whistle();
				Category category = catalogue.category(loaded.report().categoryCode()).orElseThrow();
				List<String> chain = Dispatcher.chain(loaded.report());
				int up = w.level() - 1;
				if (up >= 1) {
					w.escalate(now, chain.get(up - 1), now.plusSeconds(60L * category.respondMinutes()));
					dispatcher.summonChief(id, chain.get(up - 1), up, now);
					events.publishEvent(new WhistleEscalated(id, up, chain.get(up - 1), now));
				}
				else {
					w.escalate(now, null, null);
				}
				whistles.save(w, loaded.version());
				events.publishEvent(new WhistleChanged(id, "escalate", loaded.report().gridCode(),
						loaded.report().policeGridCode()));
			}
			return due.size();
		});
		if (count != null && count > 0) {
			log.info("Escalated {} whistle(s)", count);
		}
		return count == null ? 0 : count;
	}

}
