package org.fengqiao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL server from the embedded binaries when no external database is
 * configured ({@code fengqiao.database.embedded=true}, the default). Its data directory
 * survives restarts. One server per data directory and JVM, so several application
 * contexts in one test run share it; the server stops after the last context using it has
 * closed its connection pool.
 * <p>
 * Durable: every commit is flushed to disk before it returns
 * ({@code synchronous_commit=on}, {@code fsync=on}), so nothing answered as saved is lost
 * when the server or the machine dies; only the throw-away test database
 * ({@code clean=true}) skips the flush to disk. A start after a crash stops the server
 * the crashed process left running on the same data directory ({@link Postmasters}), and
 * a {@link EmbeddedDatabaseWatchdog watchdog} starts the server again, on the same port,
 * if it dies while the application runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fengqiao.database.embedded", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({ EmbeddedDatabase.Settings.class, EmbeddedDatabaseWatchdog.Settings.class })
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Map<Path, Server> servers = new ConcurrentHashMap<>();

	/** How long an orphaned server gets to stop by itself before it is killed. */
	static final Duration ORPHAN_GRACE = Duration.ofSeconds(15);

	/**
	 * A running server and the number of application contexts using it. The last context
	 * to close stops it, after its connection pool is closed; a JVM shutdown hook stops
	 * it only if no context does so in time.
	 */
	static final class Server {

		volatile EmbeddedPostgres postgres;

		final Path dir;

		private final Settings settings;

		private volatile ProcessHandle postmaster;

		private volatile boolean stopping;

		private EmbeddedDatabaseWatchdog watchdog;

		private int users;

		private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

		Server(Path dir, Settings settings) {
			this.dir = dir;
			this.settings = settings;
			this.postgres = start(dir, settings, settings.port(), settings.clean());
			this.postmaster = Postmasters.running(dir).orElse(null);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					released.await(20, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				stop();
			}, "embedded-postgres-stop"));
		}

		synchronized Server acquire() {
			users++;
			return this;
		}

		void release() {
			boolean last;
			synchronized (this) {
				last = --users == 0;
			}
			if (last) {
				stop();
				released.countDown();
			}
		}

		/**
		 * Watches the server from now on: if it dies, it is started again (see
		 * {@link EmbeddedDatabaseWatchdog}).
		 */
		synchronized void watch(EmbeddedDatabaseWatchdog.Settings watchdogSettings) {
			if (watchdog != null || !watchdogSettings.enabled() || stopping) {
				return;
			}
			if (postmaster == null) {
				log.warn(
						"Cannot find the process of the embedded PostgreSQL server in {}: it will not be restarted if it dies",
						dir);
				return;
			}
			watchdog = new EmbeddedDatabaseWatchdog(this, watchdogSettings);
		}

		int port() {
			return postgres.getPort();
		}

		/**
		 * Whether the server process is still running (as far as can be told: an unknown
		 * process counts as running).
		 */
		boolean alive() {
			ProcessHandle process = postmaster;
			return process == null || process.isAlive();
		}

		/**
		 * Starts the server again on the same data directory and port (so every
		 * connection pool reconnects by itself) if it is no longer running. PostgreSQL
		 * recovers the committed transactions from its log.
		 * @return whether it was restarted
		 */
		synchronized boolean restartIfDead() {
			if (stopping || alive()) {
				return false;
			}
			int port = port();
			log.error("The embedded PostgreSQL server in {} has stopped: starting it again on port {}", dir, port);
			// Releases the data directory's lock; stopping the dead server itself fails
			// harmlessly.
			close(postgres);
			Postmasters.awaitNoProcessesIn(dir, ORPHAN_GRACE);
			postgres = start(dir, settings, port, false);
			postmaster = Postmasters.running(dir).orElse(null);
			if (postmaster == null) {
				log.warn("The embedded PostgreSQL server in {} runs again, but its process cannot be watched any more",
						dir);
			}
			else {
				log.info("The embedded PostgreSQL server in {} runs again (PID {})", dir, postmaster.pid());
			}
			return true;
		}

		private void stop() {
			EmbeddedDatabaseWatchdog watching;
			synchronized (this) {
				if (stopping) {
					return;
				}
				stopping = true;
				watching = watchdog;
			}
			if (watching != null) {
				watching.close();
			}
			synchronized (this) {
				close(postgres);
				if (settings.clean()) {
					deleteRecursively(dir);
				}
			}
		}

	}

	@ConfigurationProperties("fengqiao.database")
	record Settings(Boolean embedded, Path dataDir, Integer port, Boolean clean, Integer poolSize) {
		Settings {
			poolSize = poolSize == null ? 20 : poolSize;
			dataDir = dataDir == null ? Path.of("data", "pg") : dataDir;
			port = port == null ? 0 : port;
			clean = clean != null && clean;
		}
	}

	@Bean(destroyMethod = "release")
	Server embeddedPostgres(Settings settings, EmbeddedDatabaseWatchdog.Settings watchdog) {
		Server server = server(settings);
		server.watch(watchdog);
		return server;
	}

	/**
	 * The server of the settings' data directory in this JVM, started if it does not run
	 * yet; one more user.
	 */
	static Server server(Settings settings) {
		Path dir = settings.dataDir().toAbsolutePath().normalize();
		synchronized (servers) {
			Server server = servers.get(dir);
			if (server == null || server.users == 0 && server.released.getCount() == 0) {
				server = new Server(dir, settings);
				servers.put(dir, server);
			}
			return server.acquire();
		}
	}

	/**
	 * The pool. Connections are awaited briefly
	 * ({@code spring.datasource.hikari.connection-timeout}, 1.5 s by default) so that
	 * requests fail fast while the database is unreachable; every
	 * {@code spring.datasource.hikari.*} setting applies here as it does to an external
	 * database's pool.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	DataSource dataSource(Server server, Settings settings) {
		HikariDataSource dataSource = new HikariDataSource();
		connectAsAppRole(dataSource, server);
		dataSource.setMaximumPoolSize(settings.poolSize());
		dataSource.setPoolName("fengqiao-embedded");
		failFast(dataSource);
		return dataSource;
	}

	/**
	 * Waits at most 1.5 s for a connection and 1 s to check one, unless configured
	 * otherwise.
	 */
	static void failFast(HikariDataSource dataSource) {
		dataSource.setConnectionTimeout(1500);
		dataSource.setValidationTimeout(1000);
	}

	/**
	 * The server settings. Every commit waits until its log record is written
	 * ({@code synchronous_commit=on}: zonky's builder turns it off by default, which
	 * loses commits already answered when the server dies); the log is flushed to disk
	 * ({@code fsync=on}) except on the throw-away test database.
	 */
	static Map<String, String> serverConfig(boolean clean) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("max_connections", "100");
		config.put("synchronous_commit", "on");
		config.put("fsync", clean ? "off" : "on");
		config.put("full_page_writes", "on");
		return config;
	}

	/**
	 * Starts a server on the data directory. An orphaned server of the directory (left by
	 * a crashed process) is stopped first; a clean start wipes the directory after that.
	 */

	// --- database roles: the service connects as fengqiao_app, Flyway migrates as the
	// owner ----------------------
	// The owner (the superuser postgres of the embedded server) runs the migrations and
	// owns every table. The
	// service's role may read and write the business tables and insert into the audit
	// log, but not update, delete
	// or truncate it, alter it or disable its triggers (grants in
	// db/migration/platform/afterMigrate.sql).

	/**
	 * The role the service connects as ({@code spring.flyway.placeholders.app_role},
	 * default fengqiao_app).
	 */
	@org.springframework.beans.factory.annotation.Value("${spring.flyway.placeholders.app_role:fengqiao_app}")
	private String appRole = "fengqiao_app";

	/**
	 * One generated password per JVM for the service's role (the embedded server listens
	 * on localhost only).
	 */
	private static final String APP_PASSWORD = java.util.HexFormat.of()
		.formatHex(new java.security.SecureRandom().generateSeed(24));

	/**
	 * Flyway's connection: the owner, so migrations can create, alter and grant. Nothing
	 * else injects it.
	 */
	@Bean(defaultCandidate = false)
	@org.springframework.boot.flyway.autoconfigure.FlywayDataSource
	DataSource flywayDataSource(Server server) {
		ensureAppRole(server, appRole);
		return new org.springframework.jdbc.datasource.SimpleDriverDataSource(new org.postgresql.Driver(),
				server.postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
	}

	private void connectAsAppRole(HikariDataSource dataSource, Server server) {
		ensureAppRole(server, appRole);
		dataSource.setJdbcUrl(server.postgres.getJdbcUrl(appRole, "postgres"));
		dataSource.setUsername(appRole);
		dataSource.setPassword(APP_PASSWORD);
	}

	/**
	 * Creates the service's role if missing: it may log in, and nothing more until the
	 * migrations grant it.
	 */
	private static void ensureAppRole(Server server, String role) {
		if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalStateException("Not a plain role name: " + role);
		}
		try (var connection = server.postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role
					+ "') then create role " + role + "; end if; end $$");
			statement.execute("alter role " + role
					+ " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
					+ APP_PASSWORD + "'");
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException("Could not set up the database role " + role, e);
		}
	}

	static EmbeddedPostgres start(Path dir, Settings settings, int port, boolean wipe) {
		try {
			Files.createDirectories(dir);
			if (Postmasters.freeDataDirectory(dir, ORPHAN_GRACE)) {
				log.warn("Stopped the PostgreSQL server an earlier run left on {}", dir);
			}
			if (wipe) {
				deleteRecursively(dir);
				Files.createDirectories(dir);
			}
			log.info("Starting embedded PostgreSQL with data in {}", dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setRegisterShutdownHook(false);
			serverConfig(settings.clean()).forEach(builder::setServerConfig);
			if (port > 0) {
				builder.setPort(port);
			}
			return builder.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir
					+ " (is another Fengqiao running on the same data directory?)", e);
		}
	}

	private static void close(EmbeddedPostgres server) {
		try {
			server.close();
		}
		catch (IOException e) {
			log.warn("Embedded PostgreSQL did not stop cleanly", e);
		}
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (IOException | UncheckedIOException e) {
			log.warn("Could not delete {}", dir, e);
		}
	}

}
