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
 *
 * <p>
 * After an escalation the level above gets a fresh length of the clock that was missed,
 * counted on that clock's calendar ({@link #nextEscalation}): a missed response another
 * response time (natural minutes), a missed handling clock another handling time on the
 * category's calendar, so what escalates on a Friday evening or before a holiday falls
 * due again in the next working periods, not at night.
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

	private final WorkCalendar calendar;

	Escalator(Whistles whistles, Catalogue catalogue, Dispatcher dispatcher, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock, WorkCalendar calendar) {
		this.calendar = calendar;
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
				int up = escalate(w, category, chain, calendar, now);
				if (up >= 1) {
					dispatcher.summonChief(id, chain.get(up - 1), up, now);
					events.publishEvent(new WhistleEscalated(id, up, chain.get(up - 1), now));
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

	/**
	 * Escalates the whistle one level up its chain at {@code now}, the level above
	 * getting a fresh length of the missed clock; at level 1 only its escalation is
	 * cleared. Shared by the timer and the bulk history import.
	 * @return the level it climbed to, or 0 when it stayed at level 1
	 */
	static int escalate(Whistle w, Category category, List<String> chain, WorkCalendar calendar, Instant now) {
		int up = w.level() - 1;
		if (up >= 1) {
			Instant next = w.runningClock()
				.map((missed) -> nextEscalation(calendar, category, missed, now))
				.orElse(null);
			w.escalate(now, chain.get(up - 1), next);
			return up;
		}
		w.escalate(now, null, null);
		return 0;
	}

	/**
	 * When a whistle escalated at {@code now} escalates again if nobody acts: a fresh
	 * length of the missed clock on its own calendar, the response in natural minutes,
	 * the handling in the category's amount and calendar (working hours or days).
	 */
	static Instant nextEscalation(WorkCalendar calendar, Category category, Whistle.Clock missed, Instant now) {
		return switch (missed) {
			case RESPOND -> calendar.due(now, category.respondMinutes(), CalendarKind.NATURAL_MINUTES);
			case HANDLE -> calendar.due(now, category.handleAmount(), category.handleCalendar());
		};
	}

}
