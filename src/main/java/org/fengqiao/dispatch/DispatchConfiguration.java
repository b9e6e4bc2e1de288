package org.fengqiao.dispatch;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The working-time calendar of the county and the escalation timer. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

	/**
	 * China's official calendar (working days, public holidays, adjusted working
	 * weekends), with a county's own corrections from
	 * {@code fengqiao.dispatch.calendar-overrides} (lines such as
	 * {@code 2026-10-09 HOLIDAY}).
	 */
	@Bean
	WorkCalendar workCalendar(@Value("${fengqiao.dispatch.calendar-overrides:}") String overrides) {
		WorkCalendar calendar = WorkCalendar.china();
		return overrides.isBlank() ? calendar : calendar.withOverrides(overrides.replace(";", "\n"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	@ConditionalOnProperty(name = "fengqiao.dispatch.escalation.enabled", havingValue = "true", matchIfMissing = true)
	static class Timers {

	}

}
