package org.fengqiao.mediation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Climbs disputes whose rung's time limit passed (30 days by default) one rung up the
 * ladder. The due disputes are claimed with {@code FOR UPDATE SKIP LOCKED} in the
 * transaction that moves them, so with several nodes each climb happens once. Mediation
 * limits are days long: polling once a minute is ample. Runs on mediation's own
 * scheduling ({@link MediationScheduling}), whatever other modules switch on.
 */
class LadderClock {

	private static final Logger log = LoggerFactory.getLogger(LadderClock.class);

	private final OverdueDisputes overdue;

	LadderClock(OverdueDisputes overdue) {
		this.overdue = overdue;
	}

	@Scheduled(fixedDelayString = "${fengqiao.mediation.ladder-poll:60000}",
			initialDelayString = "${fengqiao.mediation.ladder-initial-delay:20000}")
	void tick() {
		int climbed;
		int total = 0;
		do {
			climbed = overdue.escalateOverdue(100);
			total += climbed;
		}
		while (climbed == 100);
		if (total > 0) {
			log.info("{} disputes climbed a rung after their time limit passed", total);
		}
	}

}
