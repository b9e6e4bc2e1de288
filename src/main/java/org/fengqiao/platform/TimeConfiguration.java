package org.fengqiao.platform;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock every module reads time from; tests replace it. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.system(CHINA);
	}
}
