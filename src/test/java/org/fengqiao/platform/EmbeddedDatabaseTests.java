package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded PostgreSQL is durable, survives a crash of the Java process (the server it
 * leaves running is stopped at the next start) and of its own (the watchdog starts it
 * again on the same port). Each test runs its own server in a temporary directory, not
 * the shared test database.
 */
@Execution(ExecutionMode.CONCURRENT)
class EmbeddedDatabaseTests {

	@TempDir
	Path temp;

	@Test
	void everyCommitIsFlushedBeforeItReturnsOutsideTheThrowAwayTestDatabase() throws Exception {
		assertThat(EmbeddedDatabase.serverConfig(false)).containsEntry("synchronous_commit", "on")
			.containsEntry("fsync", "on");
		// The test database skips the flush to disk, but still waits for the log write.
		assertThat(EmbeddedDatabase.serverConfig(true)).containsEntry("synchronous_commit", "on");

		Path dir = temp.resolve("pg");
		EmbeddedPostgres server = EmbeddedDatabase.start(dir, settings(dir), 0, false);
		try {
			JdbcClient jdbc = JdbcClient.create(server.getPostgresDatabase());
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
		}
		finally {
			server.close();
		}
	}

	@Test
	void aStartAfterACrashStopsTheServerTheCrashedRunLeftOnItsDataDirectory() throws Exception {
		Path dir = temp.resolve("pg");
		EmbeddedPostgres first = EmbeddedDatabase.start(dir, settings(dir), 0, false);
		String postgres = Postmasters.running(dir).orElseThrow().info().command().orElseThrow();
		first.close();
		// What kill -9 of the Java process leaves behind: the server still running on the
		// directory, its lock
		// file in place, nobody in this process holding the directory.
		List<String> command = new ArrayList<>();
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; zonky
														// runs it like this too
		}
		command.addAll(List.of(postgres, "-D", dir.toString(), "-p", Integer.toString(freePort())));
		Process orphan = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(temp.resolve("orphan.log").toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Postmasters.running(dir).map(ProcessHandle::pid).orElse(-1L) == orphan.pid());

			EmbeddedPostgres second = EmbeddedDatabase.start(dir, settings(dir), 0, false);
			try {
				assertThat(orphan.isAlive()).isFalse();
				assertThat(
						JdbcClient.create(second.getPostgresDatabase()).sql("select 1").query(Integer.class).single())
					.isEqualTo(1);
				assertThat(Postmasters.running(dir).orElseThrow().pid()).isNotEqualTo(orphan.pid());
			}
			finally {
				second.close();
			}
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	@Test
	void aLockFileNamingAnEndedOrAnUnrelatedProcessDoesNotStopTheStart() throws Exception {
		Path dir = temp.resolve("pg");
		EmbeddedDatabase.start(dir, settings(dir), 0, false).close();

		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		Files.writeString(dir.resolve("postmaster.pid"), ended.pid() + "\n" + dir + "\n", StandardCharsets.UTF_8);
		EmbeddedDatabase.start(dir, settings(dir), 0, false).close();

		// After a reboot the number may belong to another program: PostgreSQL alone would
		// refuse to start.
		Process unrelated = new ProcessBuilder("sleep", "60").start();
		try {
			Files.writeString(dir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dir + "\n",
					StandardCharsets.UTF_8);
			EmbeddedPostgres server = EmbeddedDatabase.start(dir, settings(dir), 0, false);
			try {
				assertThat(unrelated.isAlive()).isTrue();
				assertThat(
						JdbcClient.create(server.getPostgresDatabase()).sql("select 1").query(Integer.class).single())
					.isEqualTo(1);
			}
			finally {
				server.close();
			}
		}
		finally {
			unrelated.destroyForcibly();
		}
	}

	@Test
	void whenTheServerDiesRequestsFailFastAndTheWatchdogStartsItAgainOnTheSamePort() throws Exception {
		Path dir = temp.resolve("pg");
		EmbeddedDatabase.Settings settings = settings(dir);
		EmbeddedDatabase.Server server = EmbeddedDatabase.server(settings);
		HikariDataSource pool = null;
		try {
			server.watch(new EmbeddedDatabaseWatchdog.Settings(true, Duration.ofMillis(200), Duration.ofSeconds(4)));
			pool = (HikariDataSource) new EmbeddedDatabase().dataSource(server, settings);
			JdbcClient jdbc = JdbcClient.create(pool);
			// The owner creates the table (the service's role may not create tables) and
			// lets the service write it.
			JdbcClient owner = JdbcClient.create(server.postgres.getPostgresDatabase());
			owner.sql("create table note (text text)").update();
			owner.sql("grant select, insert on note to fengqiao_app").update();
			jdbc.sql("insert into note values ('kept')").update();
			int port = server.port();

			Postmasters.running(dir).orElseThrow().destroyForcibly();

			// While it is down (the watchdog waits 4 s here), asking for a connection
			// fails within 2 s.
			await().atMost(Duration.ofSeconds(5)).until(() -> !server.alive());
			long started = System.nanoTime();
			HikariDataSource down = pool;
			assertThatThrownBy(() -> query(down)).isInstanceOf(SQLException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(Duration.ofSeconds(2));

			// Then the watchdog starts it again, on the same port: the same pool connects
			// again by itself.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> query(down) == 1);
			assertThat(server.port()).isEqualTo(port);
			assertThat(jdbc.sql("select text from note").query(String.class).list()).containsExactly("kept");
		}
		finally {
			if (pool != null) {
				pool.close();
			}
			server.release();
		}
		assertThat(Postmasters.running(dir)).isEmpty();
	}

	private static int query(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				var statement = connection.createStatement();
				var rows = statement.executeQuery("select 1")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	private static EmbeddedDatabase.Settings settings(Path dir) {
		return new EmbeddedDatabase.Settings(true, dir, 0, false, 4);
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
