package org.fengqiao.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * No event is lost between modules. Every event to a module's listener is stored with the
 * transaction that published it (Spring Modulith's event publication registry); a
 * publication not completed (its listener failed, or the process died before or while it
 * ran) is delivered again: once at start
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart=true}) and on
 * this schedule, every {@code fengqiao.events.retry-interval} for publications whose last
 * attempt is at least {@code fengqiao.events.retry-after} old. Several nodes may retry
 * the same publication at about the same time (the registry claims each one with a
 * conditional update, which narrows but does not close the window), so listeners are
 * idempotent: the dispute intake, for example, opens at most one dispute per whistle.
 */
@Component
public class EventRetry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EventRetry.class);

	private final IncompleteEventPublications publications;

	private final Clock clock;

	private final Duration retryAfter;

	private final Duration interval;

	private ScheduledExecutorService executor;

	EventRetry(IncompleteEventPublications publications, Clock clock,
			@Value("${fengqiao.events.retry-after:1m}") Duration retryAfter,
			@Value("${fengqiao.events.retry-interval:1m}") Duration interval) {
		this.publications = publications;
		this.clock = clock;
		this.retryAfter = retryAfter;
		this.interval = interval;
	}

	/**
	 * Its own thread: the application's scheduler runs only where the escalation timer is
	 * on.
	 */
	@Override
	public synchronized void start() {
		if (executor != null || interval.isZero() || interval.isNegative()) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "event-retry");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> resubmitOlderThan(retryAfter), interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

	/**
	 * Delivers again every incomplete publication whose last attempt is at least this
	 * old.
	 */
	public void resubmitOlderThan(Duration age) {
		Instant now = clock.instant();
		try {
			publications.resubmitIncompletePublications(publication -> due(publication, now, age));
		}
		catch (RuntimeException e) {
			log.warn("Could not resubmit incomplete event publications: {}", e.toString());
		}
	}

	static boolean due(EventPublication publication, Instant now, Duration age) {
		Instant last = publication.getLastResubmissionDate();
		if (last == null || last.isBefore(publication.getPublicationDate())) {
			last = publication.getPublicationDate();
		}
		return !last.plus(age).isAfter(now);
	}

}
