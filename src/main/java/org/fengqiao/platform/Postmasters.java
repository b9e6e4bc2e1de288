package org.fengqiao.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server processes of a data directory, found through its
 * {@code postmaster.pid} and the operating system's process table (Linux {@code /proc}).
 * Used to stop a server left running by a crashed Fengqiao (an orphan: {@code kill -9} of
 * the Java process does not stop its embedded server, which keeps the data directory
 * locked) and to see whether the embedded server is still alive.
 */
final class Postmasters {

	private static final Logger log = LoggerFactory.getLogger(Postmasters.class);

	private Postmasters() {
	}

	/**
	 * The process named in the data directory's {@code postmaster.pid}, if the file
	 * exists and is readable.
	 */
	static Optional<Long> pidInFile(Path dataDir) {
		Path file = dataDir.resolve("postmaster.pid");
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	/** The live postmaster of this data directory, if there is one. */
	static Optional<ProcessHandle> running(Path dataDir) {
		return pidInFile(dataDir).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(process -> isPostgresOf(process, dataDir));
	}

	/**
	 * Whether the process is a PostgreSQL server working on this data directory: its
	 * program is {@code postgres} and its command line names the directory (or its
	 * working directory is the directory, which the server changes into at start).
	 */
	static boolean isPostgresOf(ProcessHandle process, Path dataDir) {
		Path dir = real(dataDir);
		List<String> command = commandLine(process.pid());
		if (command.isEmpty()) {
			return false;
		}
		String program = Path.of(command.get(0)).getFileName().toString();
		if (!program.equals("postgres") && !program.equals("postmaster")) {
			return false;
		}
		for (int i = 1; i < command.size(); i++) {
			if (command.get(i - 1).equals("-D") && real(Path.of(command.get(i))).equals(dir)) {
				return true;
			}
		}
		try {
			return real(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))).equals(dir);
		}
		catch (IOException | UnsupportedOperationException e) {
			return false;
		}
	}

	/**
	 * Makes the data directory free for a new server. An orphaned server of this
	 * directory is stopped (SIGTERM, which ends it cleanly once it has no clients;
	 * SIGKILL if it does not within the grace period, then its remaining children are
	 * waited for). A {@code postmaster.pid} naming a live process that is not a server of
	 * this directory (its number was reused after a crash) is removed, since PostgreSQL
	 * would refuse to start over it; one naming a dead process is left to PostgreSQL,
	 * which replaces it itself after checking that no old server process still uses the
	 * shared memory.
	 * @return whether an orphaned server was stopped
	 */
	static boolean freeDataDirectory(Path dataDir, Duration grace) {
		Optional<Long> pid = pidInFile(dataDir);
		if (pid.isEmpty()) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
		if (process.isEmpty()) {
			log.info("Stale postmaster.pid of a process that has ended (PID {}) in {}", pid.get(), dataDir);
			awaitNoProcessesIn(dataDir, grace);
			return false;
		}
		if (!isPostgresOf(process.get(), dataDir)) {
			log.warn(
					"postmaster.pid in {} names PID {}, which is not a PostgreSQL server of this directory: removing it",
					dataDir, pid.get());
			try {
				Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
			}
			catch (IOException e) {
				throw new IllegalStateException("Could not remove the stale " + dataDir.resolve("postmaster.pid"), e);
			}
			return false;
		}
		stop(process.get(), grace);
		awaitNoProcessesIn(dataDir, grace);
		return true;
	}

	/**
	 * Stops a server: SIGTERM, then SIGKILL after the grace period; waits for its child
	 * processes to end too.
	 */
	static void stop(ProcessHandle postmaster, Duration grace) {
		log.warn("Stopping the orphaned PostgreSQL server PID {} (left running by an earlier crash)", postmaster.pid());
		List<ProcessHandle> children = postmaster.descendants().toList();
		postmaster.destroy();
		if (!awaitExit(postmaster, grace)) {
			log.warn("PostgreSQL server PID {} did not stop within {}: killing it", postmaster.pid(), grace);
			postmaster.destroyForcibly();
			awaitExit(postmaster, Duration.ofSeconds(10));
		}
		for (ProcessHandle child : children) {
			if (!awaitExit(child, Duration.ofSeconds(10))) {
				child.destroyForcibly();
				awaitExit(child, Duration.ofSeconds(5));
			}
		}
	}

	/**
	 * Every PostgreSQL process of this user working in the data directory: the server and
	 * its children (they all run with the data directory as their working directory, and
	 * name themselves {@code postgres: ...}).
	 */
	static List<ProcessHandle> processesIn(Path dataDir) {
		Path dir = real(dataDir);
		return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).filter(p -> {
			List<String> command = commandLine(p.pid());
			return !command.isEmpty()
					&& (command.get(0).startsWith("postgres") || command.get(0).endsWith("/postgres"));
		}).filter(p -> {
			try {
				return real(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"))).equals(dir);
			}
			catch (IOException | UnsupportedOperationException | SecurityException e) {
				return false;
			}
		}).toList();
	}

	/**
	 * Waits until no process works in the data directory any more (after its server died,
	 * its children notice and end within moments); kills those still there after the
	 * timeout. A new server refuses to start while an old child still holds the shared
	 * memory.
	 */
	static void awaitNoProcessesIn(Path dataDir, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ProcessHandle> left = processesIn(dataDir);
		while (!left.isEmpty() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			left = processesIn(dataDir);
		}
		for (ProcessHandle process : left) {
			log.warn("Killing PostgreSQL process PID {} still working in {}", process.pid(), dataDir);
			process.destroyForcibly();
			awaitExit(process, Duration.ofSeconds(5));
		}
	}

	static boolean awaitExit(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (java.util.concurrent.TimeoutException e) {
			return !process.isAlive();
		}
		catch (java.util.concurrent.ExecutionException e) {
			return !process.isAlive();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
	}

	private static List<String> commandLine(long pid) {
		try {
			byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
			String text = new String(raw, StandardCharsets.UTF_8);
			if (text.endsWith("\0")) {
				text = text.substring(0, text.length() - 1);
			}
			return text.isEmpty() ? List.of() : List.of(text.split("\0", -1));
		}
		catch (IOException e) {
			return ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(List::of).orElse(List.of());
		}
	}

	private static Path real(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException e) {
			return path.toAbsolutePath().normalize();
		}
	}

}
