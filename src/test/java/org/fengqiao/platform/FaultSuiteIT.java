package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;

/**
 * The fault suite: the packaged application ({@code target/fengqiao.jar}) as a separate
 * process on a fresh data directory with the demo data, hit while things break.
 * <ol>
 * <li>{@code kill -9} of the service during intake, then a start on the same directory:
 * it starts (the embedded server the killed process left running is stopped), every
 * report answered 201 is there, and a transfer to mediation whose listener had not
 * finished is opened as a dispute exactly once;</li>
 * <li>{@code kill -9} of the embedded PostgreSQL during intake: requests answer 503 with
 * Retry-After within 2 s, readiness is DOWN, the service recovers by itself, and every
 * report answered 201 is there;</li>
 * <li>two workers accepting one whistle at once: one 200, one 409.</li>
 * </ol>
 * Run by failsafe in {@code ./mvnw verify} (after the jar is built); a few minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

	static final Path WORK = Path.of("target", "fault-suite").toAbsolutePath();

	static final Path DATA = WORK.resolve("pg");

	static final Duration STARTUP = Duration.ofMinutes(5);

	/** The longest a request may take while the database is away. */
	static final Duration FAIL_FAST = Duration.ofSeconds(2);

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final List<String> summary = new ArrayList<>();

	Process app;

	int port;

	int starts;

	/** Points inside micro-grids of worker1's grid, where reports go to worker1. */
	List<double[]> worker1Points = List.of();

	/** Points elsewhere in the county, for the floods of reports. */
	List<double[]> points = List.of();

	@BeforeAll
	void freshDataDirectory() throws IOException {
		Path jar = Path.of("target", "fengqiao.jar");
		assertThat(jar).as("the packaged application (./mvnw package)").exists();
		if (Files.exists(WORK)) {
			Optional<ProcessHandle> left = Postmasters.running(DATA);
			left.ifPresent(p -> Postmasters.stop(p, Duration.ofSeconds(10)));
			try (var paths = Files.walk(WORK)) {
				paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		Files.createDirectories(WORK);
	}

	@AfterAll
	void stopEverything() {
		try {
			if (app != null && app.isAlive()) {
				app.destroy();
				if (!app.waitFor(60, TimeUnit.SECONDS)) {
					app.destroyForcibly();
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		// A clean stop leaves no server behind; after a failure, make sure none is.
		Postmasters.running(DATA).ifPresent(p -> {
			summary.add("left-over embedded server PID " + p.pid() + " stopped");
			Postmasters.stop(p, Duration.ofSeconds(10));
		});
		System.out.println("\n==== Fault suite summary ====");
		summary.forEach(line -> System.out.println("  " + line));
		System.out.println("=============================\n");
	}

	@Test
	@Order(1)
	void killingTheServiceDuringIntakeLosesNoAcknowledgedReportAndNoEvent() throws Exception {
		start();
		loadPoints();

		// A whistle transferred to mediation while its listener cannot finish (the
		// dispute table is locked).
		HttpResponse<String> neighbours = postReport(points.get(0), "DS-01", "故障测试：邻里纠纷转调解");
		assertThat(neighbours.statusCode()).as(neighbours.body()).isEqualTo(201);
		String transferred = accepted(neighbours.body()).id();
		Session command = signIn("command");
		Connection blocker = database();
		blocker.setAutoCommit(false);
		blocker.createStatement().execute("lock table dispute in exclusive mode");
		HttpResponse<String> transfer = command.post("/api/v1/whistles/" + transferred + "/transfer",
				"{\"target\":\"MEDIATION\",\"reason\":\"故障测试\"}");
		assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(200);

		Intake intake = new Intake(6);
		intake.awaitAccepted(60, Duration.ofSeconds(60));
		long pid = app.pid();
		app.toHandle().destroyForcibly(); // kill -9
		app.waitFor(30, TimeUnit.SECONDS);
		intake.stop();
		summary.add("A: kill -9 of the service (PID " + pid + ") after " + intake.accepted.size()
				+ " reports answered 201 (" + intake.others() + " other answers or cut connections)");
		blocker.rollback();
		blocker.close();

		assertThat(Postmasters.running(DATA)).as("the embedded server outlives the killed service").isPresent();
		long orphan = Postmasters.running(DATA).orElseThrow().pid();

		start();
		assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphaned server was stopped")
			.isEmpty();
		List<String> missing = missing(intake.accepted);
		summary.add("A: restarted on the same data directory (orphaned server PID " + orphan + " stopped); "
				+ (intake.accepted.size() - missing.size()) + "/" + intake.accepted.size()
				+ " acknowledged reports present");
		assertThat(missing).as("reports answered 201 but gone after the restart").isEmpty();
		for (Accepted a : intake.accepted.subList(0, Math.min(5, intake.accepted.size()))) {
			assertThat(get("/api/v1/whistles/track/" + a.trackingCode()).statusCode()).isEqualTo(200);
		}
		boolean opened = waitFor(Duration.ofSeconds(90), () -> disputesOf(transferred) == 1);
		summary.add("A: transfer to mediation interrupted by the kill: " + disputesOf(transferred)
				+ " dispute after the restart");
		assertThat(opened).as("the interrupted transfer is opened as a dispute after the restart").isTrue();
		// Exactly one, and it stays one: no second delivery opens another.
		org.awaitility.Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> disputesOf(transferred) == 1);
		assertThat(disputesOf(transferred)).as("exactly one dispute").isEqualTo(1);
	}

	@Test
	@Order(2)
	void killingTheDatabaseDuringIntakeAnswers503UntilTheServiceRecoversByItself() throws Exception {
		ensureRunning();
		Intake intake = new Intake(6);
		Readiness readiness = new Readiness();
		try {
			intake.awaitAccepted(30, Duration.ofSeconds(60));
			ProcessHandle postmaster = Postmasters.running(DATA).orElseThrow();
			long killedAt = System.nanoTime();
			intake.markFault(killedAt);
			postmaster.destroyForcibly(); // kill -9 of the postmaster
			int acceptedBefore = intake.accepted.size();
			boolean down = waitFor(Duration.ofSeconds(60), () -> readiness.sawDown.get());
			boolean recovered = waitFor(Duration.ofSeconds(120),
					() -> readiness.sawUpAfterDown.get() && intake.acceptedAfterFault.get() >= 20);
			intake.stop();
			readiness.stop();

			List<Answer> failures = intake.answersAfterFault.stream().filter(a -> a.status() != 201).toList();
			long slowest = failures.stream().mapToLong(Answer::millis).max().orElse(0);
			summary.add("B: kill -9 of the embedded PostgreSQL (PID " + postmaster.pid() + ") after " + acceptedBefore
					+ " reports; then " + failures.size() + " failed answers "
					+ failures.stream().map(a -> Integer.toString(a.status())).distinct().toList() + ", slowest "
					+ slowest + " ms; readiness DOWN seen: " + down + ", recovered: " + recovered + " ("
					+ intake.acceptedAfterFault.get() + " reports answered 201 after the kill)");
			assertThat(down).as("readiness DOWN while the database is away").isTrue();
			assertThat(recovered).as("service resumes by itself").isTrue();
			assertThat(failures).as("answers while the database was away").isNotEmpty();
			assertThat(failures).allSatisfy(a -> {
				assertThat(a.status()).as("status of %s", a).isEqualTo(503);
				assertThat(a.retryAfter()).as("Retry-After of %s", a).isNotNull();
				assertThat(a.millis()).as("time of %s", a).isLessThanOrEqualTo(FAIL_FAST.toMillis());
			});
			assertThat(Postmasters.running(DATA).orElseThrow().pid()).as("a new server").isNotEqualTo(postmaster.pid());
			List<String> missing = missing(intake.accepted);
			summary.add("B: " + (intake.accepted.size() - missing.size()) + "/" + intake.accepted.size()
					+ " acknowledged reports present");
			assertThat(missing).as("reports answered 201 but gone").isEmpty();
		}
		finally {
			intake.stop();
			readiness.stop();
		}
	}

	@Test
	@Order(3)
	void twoWorkersAcceptingOneWhistleAtOnceHaveOneWinner() throws Exception {
		ensureRunning();
		if (points.isEmpty()) {
			loadPoints();
		}
		Session one = signIn("worker1");
		Session two = signIn("worker1");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 3; round++) {
				double[] p = worker1Points.get(round % worker1Points.size());
				HttpResponse<String> reported = postReport(p, "UM-0102", "故障测试：同时接单 " + round);
				assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
				String id = accepted(reported.body()).id();
				CountDownLatch go = new CountDownLatch(1);
				Future<HttpResponse<String>> a = pool.submit(() -> {
					go.await();
					return one.post("/api/v1/whistles/" + id + "/accept", "{}");
				});
				Future<HttpResponse<String>> b = pool.submit(() -> {
					go.await();
					return two.post("/api/v1/whistles/" + id + "/accept", "{}");
				});
				go.countDown();
				List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());
				summary.add("C: round " + (round + 1) + ": two workers accept one whistle at once: " + statuses);
				assertThat(statuses).as(a.get().body() + " / " + b.get().body()).containsExactlyInAnyOrder(200, 409);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	// --- the application process ---

	void start() throws Exception {
		starts++;
		port = freePort();
		Path log = WORK.resolve("app-" + starts + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of(java, "-Xmx768m", "-jar",
				Path.of("target", "fengqiao.jar").toAbsolutePath().toString(), "--server.port=" + port,
				"--fengqiao.database.data-dir=" + DATA, "--fengqiao.dispatch.intake.rate-per-minute=1000000",
				// Keep the database away long enough to watch: restart 6 s after it is
				// found dead.
				"--fengqiao.database.watchdog.interval=500ms", "--fengqiao.database.watchdog.restart-delay=6s");
		app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long begun = System.nanoTime();
		boolean ready = waitFor(STARTUP, () -> {
			if (!app.isAlive()) {
				return true;
			}
			try {
				return get("/actuator/health/readiness").statusCode() == 200;
			}
			catch (Exception e) {
				return false;
			}
		});
		if (!ready || !app.isAlive()) {
			throw new AssertionError("The application did not start (start " + starts + "); last lines of " + log
					+ ":\n" + tail(log, 60));
		}
		summary.add("start " + starts + ": ready on port " + port + " in "
				+ Duration.ofNanos(System.nanoTime() - begun).toSeconds() + " s");
	}

	void ensureRunning() throws Exception {
		if (app == null || !app.isAlive()) {
			start();
		}
	}

	static String tail(Path log, int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(no log: " + e + ")";
		}
	}

	// --- the database, read directly (the embedded server's superuser, trusted on
	// localhost) ---

	Connection database() throws SQLException {
		int dbPort = Integer.parseInt(readPidFileLine(3));
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres?user=postgres");
	}

	static String readPidFileLine(int index) {
		try {
			return Files.readAllLines(DATA.resolve("postmaster.pid")).get(index).trim();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	List<String> missing(List<Accepted> accepted) throws SQLException {
		List<String> missing = new ArrayList<>();
		try (Connection db = database();
				var query = db
					.prepareStatement("select count(*) from whistle where id = ?::uuid and tracking_code = ?")) {
			for (Accepted a : accepted) {
				query.setString(1, a.id());
				query.setString(2, a.trackingCode());
				try (var rows = query.executeQuery()) {
					rows.next();
					if (rows.getInt(1) != 1) {
						missing.add(a.id());
					}
				}
			}
		}
		return missing;
	}

	int disputesOf(String whistleId) {
		try (Connection db = database();
				var query = db
					.prepareStatement("select count(*) from dispute where source = 'WHISTLE' and source_ref = ?")) {
			query.setString(1, whistleId);
			try (var rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException e) {
			return -1;
		}
	}

	void loadPoints() throws Exception {
		worker1Points = interiorPoints(
				"select boundary from grid where level = 5 and code like '61082400100101%'" + " order by code limit 8");
		points = interiorPoints("select boundary from grid where level = 5 and code not like '61082400100101%'"
				+ " order by code limit 40");
		assertThat(worker1Points).as("micro-grids of worker1's grid in the demo data").isNotEmpty();
		assertThat(points).as("micro-grids in the demo data").hasSize(40);
	}

	List<double[]> interiorPoints(String sql) throws Exception {
		List<double[]> found = new ArrayList<>();
		try (Connection db = database(); var rows = db.createStatement().executeQuery(sql)) {
			WKBReader reader = new WKBReader();
			while (rows.next()) {
				Point p = reader.read(rows.getBytes(1)).getInteriorPoint();
				found.add(new double[] { p.getX(), p.getY() });
			}
		}
		return found;
	}

	// --- HTTP ---

	record Accepted(String id, String trackingCode) {
	}

	record Answer(int status, long millis, String retryAfter, long at) {
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	HttpResponse<String> postReport(int n, String description) throws IOException, InterruptedException {
		return postReport(points.get(Math.floorMod(n, points.size())), "UM-0102", description);
	}

	HttpResponse<String> postReport(double[] p, String category, String description)
			throws IOException, InterruptedException {
		String body = "{\"categoryCode\":\"" + category + "\",\"lon\":" + p[0] + ",\"lat\":" + p[1]
				+ ",\"description\":\"" + description + "\"}";
		return http.send(HttpRequest.newBuilder(uri("/api/v1/whistles"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static Accepted accepted(String json) {
		return new Accepted(field(json, "id"), field(json, "trackingCode"));
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new AssertionError("no " + name + " in " + json);
		}
		return m.group(1);
	}

	/**
	 * Reporters posting whistles as fast as they are answered, recording every answer.
	 */
	final class Intake {

		final List<Accepted> accepted = new CopyOnWriteArrayList<>();

		final List<Answer> answersAfterFault = new CopyOnWriteArrayList<>();

		final AtomicInteger otherAnswers = new AtomicInteger();

		final AtomicInteger acceptedAfterFault = new AtomicInteger();

		final AtomicBoolean running = new AtomicBoolean(true);

		volatile long faultAt = Long.MAX_VALUE;

		final ExecutorService threads;

		final AtomicInteger sequence = new AtomicInteger();

		Intake(int reporters) {
			threads = Executors.newFixedThreadPool(reporters);
			for (int i = 0; i < reporters; i++) {
				threads.submit(this::report);
			}
		}

		void report() {
			while (running.get()) {
				int n = sequence.incrementAndGet();
				long begun = System.nanoTime();
				try {
					HttpResponse<String> response = postReport(n, "故障测试 " + starts + "-" + n);
					long millis = (System.nanoTime() - begun) / 1_000_000;
					if (response.statusCode() == 201) {
						accepted.add(accepted(response.body()));
					}
					else {
						otherAnswers.incrementAndGet();
					}
					if (begun >= faultAt || System.nanoTime() >= faultAt && response.statusCode() != 201) {
						answersAfterFault.add(new Answer(response.statusCode(), millis,
								response.headers().firstValue("Retry-After").orElse(null), begun));
						if (response.statusCode() == 201) {
							acceptedAfterFault.incrementAndGet();
						}
					}
				}
				catch (IOException e) {
					otherAnswers.incrementAndGet();
					// The service is not listening (killed, restarting): wait until it
					// is, instead of hammering.
					waitFor(Duration.ofSeconds(5), () -> !running.get() || accepting());
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}

		void markFault(long at) {
			faultAt = at;
		}

		int others() {
			return otherAnswers.get();
		}

		void awaitAccepted(int count, Duration timeout) {
			assertThat(waitFor(timeout, () -> accepted.size() >= count)).as("%s reports answered 201", count).isTrue();
		}

		void stop() {
			running.set(false);
			threads.shutdown();
			try {
				threads.awaitTermination(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** Polls the readiness probe and remembers whether it went DOWN and then UP again. */
	final class Readiness {

		final AtomicBoolean sawDown = new AtomicBoolean();

		final AtomicBoolean sawUpAfterDown = new AtomicBoolean();

		final AtomicBoolean running = new AtomicBoolean(true);

		final java.util.concurrent.ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();

		Readiness() {
			probe.scheduleWithFixedDelay(() -> {
				if (!running.get()) {
					return;
				}
				try {
					int status = get("/actuator/health/readiness").statusCode();
					if (status == 503) {
						sawDown.set(true);
					}
					else if (status == 200 && sawDown.get()) {
						sawUpAfterDown.set(true);
					}
				}
				catch (IOException e) {
					// not answering at all is not what we look for here
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}, 0, 250, TimeUnit.MILLISECONDS);
		}

		void stop() {
			running.set(false);
			probe.shutdownNow();
		}

	}

	/**
	 * A signed-in person: form login, then the CSRF token the work page carries (as the
	 * browser does).
	 */
	final class Session {

		final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(2))
			.build();

		String csrfHeader = "X-CSRF-TOKEN";

		String csrf;

		HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
			return client.send(HttpRequest.newBuilder(uri(path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header(csrfHeader, csrf)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	Session signIn(String username) throws Exception {
		Session session = new Session();
		String login = session.client
			.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		String form = "username=" + username + "&password=fengqiao-demo&_csrf="
				+ URLEncoder.encode(hiddenCsrf(login), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = session.client.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as("sign-in of " + username).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).as("sign-in of " + username)
			.doesNotContain("error");
		String work = session.client
			.send(HttpRequest.newBuilder(uri("/work")).GET().build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher token = Pattern.compile("data-csrf=\"([^\"]+)\"").matcher(work);
		assertThat(token.find()).as("CSRF token on the work page of " + username).isTrue();
		session.csrf = token.group(1);
		Matcher header = Pattern.compile("data-csrf-header=\"([^\"]+)\"").matcher(work);
		if (header.find()) {
			session.csrfHeader = header.group(1);
		}
		return session;
	}

	static String hiddenCsrf(String html) {
		Matcher input = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(html);
		assertThat(input.find()).as("CSRF field on the sign-in page").isTrue();
		Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(input.group());
		assertThat(value.find()).isTrue();
		return value.group(1);
	}

	// --- helpers ---

	/**
	 * Waits for the condition, polling every 250 ms; false if it does not hold within the
	 * timeout.
	 */
	static boolean waitFor(Duration timeout, BooleanSupplier condition) {
		try {
			org.awaitility.Awaitility.await()
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.until(condition::getAsBoolean);
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException e) {
			return false;
		}
	}

	/** Whether the service's port accepts a connection. */
	boolean accepting() {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
