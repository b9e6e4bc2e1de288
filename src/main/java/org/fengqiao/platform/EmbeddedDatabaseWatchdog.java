package org.fengqiao.platform;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Restarts the embedded PostgreSQL server when it dies while the application runs (a
 * crash, an out-of-memory kill, {@code kill -9}). It looks every {@code interval} whether
 * the server process is alive; once it has been found dead it waits {@code restart-delay}
 * and starts it again on the same data directory and port, so the connection pool
 * reconnects without anyone's help. Meanwhile requests fail fast with 503
 * ({@link DatabaseUnavailable}) and readiness is DOWN. Its own thread, so that no
 * scheduled job of the application can hold it up.
 */
final class EmbeddedDatabaseWatchdog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseWatchdog.class);

	@ConfigurationProperties("fengqiao.database.watchdog")
	record Settings(Boolean enabled, Duration interval, Duration restartDelay) {
		Settings {
			enabled = enabled == null || enabled;
			interval = interval == null ? Duration.ofSeconds(2) : interval;
			restartDelay = restartDelay == null ? Duration.ZERO : restartDelay;
		}
	}

	private final EmbeddedDatabase.Server server;

	private final Settings settings;

	private final ScheduledExecutorService executor;

	private long deadSince;

	EmbeddedDatabaseWatchdog(EmbeddedDatabase.Server server, Settings settings) {
		this.server = server;
		this.settings = settings;
		this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(100, settings.interval().toMillis());
		executor.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	void check() {
		try {
			if (server.alive()) {
				deadSince = 0;
				return;
			}
			long now = System.nanoTime();
			if (deadSince == 0) {
				deadSince = now;
				log.error("The embedded PostgreSQL server in {} is not running", server.dir);
			}
			if (now - deadSince >= settings.restartDelay().toNanos() && server.restartIfDead()) {
				deadSince = 0;
			}
		}
		catch (RuntimeException e) {
			log.error("Could not restart the embedded PostgreSQL server in {}; trying again in {}", server.dir,
					settings.interval(), e);
		}
	}

	@Override
	public void close() {
		executor.shutdownNow();
		try {
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
