package org.fengqiao.statistics;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Builds the roll-ups from all whistles and disputes when they were never built (the
 * first start after this module was added, or after the demo was loaded); afterwards the
 * changes keep them current. Runs after the demo loaders.
 */
@Component
@Order(100)
class RollupStartup implements ApplicationRunner {

	private final WhistleRollups whistles;

	private final DisputeRollups disputes;

	RollupStartup(WhistleRollups whistles, DisputeRollups disputes) {
		this.whistles = whistles;
		this.disputes = disputes;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!whistles.built()) {
			whistles.rebuild();
		}
		if (!disputes.built()) {
			disputes.rebuild();
		}
	}

}
