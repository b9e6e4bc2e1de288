package org.fengqiao.mediation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Mediation's own timers: the {@link LadderClock} climbs overdue disputes whether or not
 * another module (dispatch's escalation) switches scheduling on. Off with
 * {@code fengqiao.mediation.ladder-clock.enabled=false} (e.g. on a node that must not
 * move disputes); then the ladder clock is not created at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "fengqiao.mediation.ladder-clock.enabled", havingValue = "true", matchIfMissing = true)
class MediationScheduling {

	@Bean
	LadderClock ladderClock(OverdueDisputes overdue) {
		return new LadderClock(overdue);
	}

}
