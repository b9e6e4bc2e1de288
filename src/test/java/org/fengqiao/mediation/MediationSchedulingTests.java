package org.fengqiao.mediation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.ScheduledTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The ladder clock runs on mediation's own scheduling: switching dispatch's escalation
 * off (and with it dispatch's scheduling) leaves it running; only mediation's own setting
 * stops it. A small context of the two configurations, no database.
 */
class MediationSchedulingTests {

	final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withUserConfiguration(dispatchConfiguration(), MediationScheduling.class)
		.withBean(OverdueDisputes.class, () -> mock(OverdueDisputes.class))
		.withPropertyValues("fengqiao.dispatch.escalation.enabled=false");

	static Class<?> dispatchConfiguration() {
		try {
			return Class.forName("org.fengqiao.dispatch.DispatchConfiguration");
		}
		catch (ClassNotFoundException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void theLadderClockTicksWithDispatchEscalationOff() {
		contexts.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LadderClock.class);
			assertThat(context.getBean(ScheduledAnnotationBeanPostProcessor.class).getScheduledTasks())
				.extracting(ScheduledTask::toString)
				.anyMatch((task) -> task.contains("LadderClock.tick"));
		});
	}

	@Test
	void mediationsOwnSettingStopsTheLadderClock() {
		contexts.withPropertyValues("fengqiao.mediation.ladder-clock.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LadderClock.class);
			assertThat(context).doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class);
		});
	}

}
