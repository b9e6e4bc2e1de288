package org.fengqiao.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every module reads time from. By default the system clock in China's time
 * zone; with {@code fengqiao.clock.start} set (an ISO date-time with offset) the clock
 * starts at that instant when the application starts and runs on from there. The test
 * suite sets it, so that demo data and every date-dependent rule see the same calendar on
 * any day the suite runs (and can be run on awkward days on purpose).
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Bean
	@ConditionalOnMissingBean
	Clock clock(@Value("${fengqiao.clock.start:}") String start) {
		Clock system = Clock.system(CHINA);
		if (start == null || start.isBlank()) {
			return system;
		}
		return startingAt(system, OffsetDateTime.parse(start.strip()));
	}

	/** A clock that reads {@code start} now and moves on with the system clock. */
	static Clock startingAt(Clock system, OffsetDateTime start) {
		return Clock.offset(system, Duration.between(system.instant(), start.toInstant()));
	}

}
