package org.fengqiao.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * The intake load benchmark (PRODUCT.md §4, docs/benchmarks.md "Intake: POST a report"). Not a test: run by
 * {@code bench/intake.sh}, which starts the service and hands this class its URL and the embedded database's JDBC URL.
 *
 * <p>For each concurrency C: (1) closed-loop intake, C clients each POSTing reports back to back for a warm-up and a
 * measured period; (2) the bare-insert baseline on the same PostgreSQL, C JDBC connections each doing autocommit
 * single-row inserts for the same period; (3) open-model intake paced at half the rate measured in (1), latency
 * measured from each request's scheduled start (so queueing delay is counted, no coordinated omission). Latency is
 * client-side per request, percentiles from the sorted array of all samples.
 *
 * <p>Options (system properties): {@code bench.url}, {@code bench.jdbc}, {@code bench.concurrency} (e.g. 16,32),
 * {@code bench.warmup} and {@code bench.duration} (seconds), {@code bench.seed}, {@code bench.pids} (service pid, for
 * CPU accounting), {@code bench.pgdata} (the database directory, for CPU accounting of the PostgreSQL processes),
 * {@code bench.profile} (number of sequential reports sent with PostgreSQL statement logging on, 0 = off).
 */
public final class IntakeLoad {

	record Point(double lon, double lat) {
	}

	record Result(String name, int concurrency, double seconds, long ok, long errors, long[] latenciesNanos,
			Map<String, Double> cpuSeconds) {

		double rate() {
			return ok / seconds;
		}

		double pct(double p) {
			if (latenciesNanos.length == 0) {
				return Double.NaN;
			}
			int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
			return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
		}
	}

	private static final String[] DESCRIPTIONS = { "楼道里堆满杂物，堵住了消防通道，已经好几天了", "路边有一堆建筑垃圾没人清理，影响通行",
			"邻居两家因为宅基地界线吵起来了，情绪比较激动", "小区门口的路灯坏了一个多星期，晚上很黑", "河边护栏松动，有孩子在附近玩耍，比较危险",
			"有人在市场门口占道经营，三轮车把路堵了", "楼上漏水到我家，物业一直不管", "村道上有一处塌陷，车辆经过很危险",
			"小区里有人遛狗不牵绳，吓到了老人", "工地夜间施工噪音很大，影响休息", "独居老人好几天没见出门，邻居担心", "约有12人在村委会门口聚集讨说法，要求解决欠薪问题",
			"菜市场后面垃圾堆积，气味很大", "井盖缺失，在人行道上，很容易踩空", "两辆车剐蹭后双方在路口争吵，造成拥堵" };

	private static final String[] NAMES = { "张先生", "李女士", "王师傅", "刘阿姨", "陈同学", null, null };

	public static void main(String[] args) throws Exception {
		String url = System.getProperty("bench.url", "http://127.0.0.1:8080");
		String jdbcUrl = System.getProperty("bench.jdbc");
		int[] concurrencies = Arrays.stream(System.getProperty("bench.concurrency", "16,32").split(","))
			.mapToInt(s -> Integer.parseInt(s.strip())).toArray();
		int warmup = Integer.getInteger("bench.warmup", 10);
		int duration = Integer.getInteger("bench.duration", 30);
		long seed = Long.getLong("bench.seed", 20261128L);
		int profile = Integer.getInteger("bench.profile", 0);
		CpuMeter cpu = new CpuMeter(System.getProperty("bench.pids", ""), System.getProperty("bench.pgdata"));

		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10)).build();
		List<String> categories = categories(http, url);
		List<Point> points = points(http, url, seed, 20_000);
		System.out.printf(Locale.ROOT, "%d categories, %d points inside %s level-4 grids%n", categories.size(), points.size(),
				"the demo county's");
		Bodies bodies = new Bodies(categories, points, seed);

		List<Result[]> rows = new ArrayList<>();
		for (int c : concurrencies) {
			Result intake = closedIntake(http, url, bodies, c, warmup, duration, cpu);
			print(intake);
			Result bare = bareInsert(jdbcUrl, c, Math.max(5, warmup / 2), duration, cpu);
			print(bare);
			Result paced = pacedIntake(http, url, bodies, c, intake.rate() / 2, Math.max(5, warmup / 2), duration, cpu);
			print(paced);
			rows.add(new Result[] { intake, bare, paced });
		}
		if (profile > 0) {
			profile(http, url, bodies, jdbcUrl, profile);
		}

		System.out.println();
		System.out.println("=== Summary (client-side latency, ms) ===");
		System.out.println("| C | intake closed-loop /s | p50 | p90 | p99 | bare insert /s | p50 | p99 | intake / bare | paced at /s | achieved /s | p50 | p90 | p99 | errors |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		for (Result[] r : rows) {
			System.out.printf(Locale.ROOT,
					"| %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.2f | %.2f | **%.0f%%** | %.0f | %.0f | %.1f | %.1f | **%.1f** | %d / %d / %d |%n",
					r[0].concurrency(), r[0].rate(), r[0].pct(50), r[0].pct(90), r[0].pct(99), r[1].rate(), r[1].pct(50),
					r[1].pct(99), 100 * r[0].rate() / r[1].rate(), r[0].rate() / 2, r[2].rate(), r[2].pct(50), r[2].pct(90),
					r[2].pct(99), r[0].errors(), r[1].errors(), r[2].errors());
		}
		System.out.println();
		System.out.println("=== CPU seconds per operation (service JVM / PostgreSQL processes / load generator) ===");
		for (Result[] r : rows) {
			for (Result x : r) {
				StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-14s C=%-3d", x.name(), x.concurrency()));
				x.cpuSeconds().forEach((k, v) -> line.append(String.format(Locale.ROOT, "  %s %.2f ms", k, 1000 * v / Math.max(1, x.ok()))));
				x.cpuSeconds().forEach((k, v) -> line.append(String.format(Locale.ROOT, "  [%s %.0f%% of 2 cores]", k,
						100 * v / x.seconds() / Runtime.getRuntime().availableProcessors())));
				System.out.println(line);
			}
		}
		System.out.println("Targets: intake >= 70% of bare insert at the same concurrency; p99 <= 50 ms at half the intake rate.");
	}

	// --- intake ------------------------------------------------------------------------------------------------

	/** Bodies with random points, categories, descriptions, and unique idempotency keys. */
	static final class Bodies {

		private final List<String> categories;

		private final List<Point> points;

		private final long seed;

		private final AtomicLong counter = new AtomicLong();

		Bodies(List<String> categories, List<Point> points, long seed) {
			this.categories = categories;
			this.points = points;
			this.seed = seed;
		}

		HttpRequest request(String url) {
			long n = counter.incrementAndGet();
			SplittableRandom r = new SplittableRandom(seed * 1_000_003L + n);
			Point p = points.get(r.nextInt(points.size()));
			String name = NAMES[r.nextInt(NAMES.length)];
			String phone = r.nextBoolean() ? "13" + (5 + r.nextInt(5)) + String.format("%08d", r.nextInt(100_000_000)) : null;
			String body = "{\"categoryCode\":\"" + categories.get(r.nextInt(categories.size())) + "\",\"lon\":" + p.lon()
					+ ",\"lat\":" + p.lat() + ",\"description\":\"" + DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)] + "\""
					+ (name == null ? "" : ",\"reporterName\":\"" + name + "\"")
					+ (phone == null ? "" : ",\"reporterPhone\":\"" + phone + "\"") + "}";
			return HttpRequest.newBuilder(URI.create(url + "/api/v1/whistles"))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "bench-" + seed + "-" + System.nanoTime() + "-" + n)
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		}
	}

	static Result closedIntake(HttpClient http, String url, Bodies bodies, int c, int warmup, int duration, CpuMeter cpu)
			throws Exception {
		System.out.printf(Locale.ROOT, "intake closed-loop, %d clients: %d s warm-up, %d s measured%n", c, warmup, duration);
		return closedLoop("intake", c, warmup, duration, cpu, () -> {
			HttpResponse<String> response = http.send(bodies.request(url), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
		});
	}

	static Result pacedIntake(HttpClient http, String url, Bodies bodies, int c, double rate, int warmup, int duration,
			CpuMeter cpu) throws Exception {
		System.out.printf(Locale.ROOT, "intake paced (open model) at %.1f/s, up to %d threads: %d s warm-up, %d s measured%n",
				rate, 4 * c, warmup, duration);
		ExecutorService pool = Executors.newFixedThreadPool(4 * c);
		long intervalNanos = (long) (1e9 / rate);
		long start = System.nanoTime();
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
		long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicLong errors = new AtomicLong();
		Map<String, Double> before = null;
		boolean measuring = false;
		for (long k = 0;; k++) {
			long intended = start + k * intervalNanos;
			if (intended >= end) {
				break;
			}
			if (!measuring && intended >= measureFrom) {
				measuring = true;
				before = cpu.read();
			}
			long wait = intended - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			boolean counted = measuring;
			pool.execute(() -> {
				try {
					HttpResponse<String> response = http.send(bodies.request(url), HttpResponse.BodyHandlers.ofString());
					long done = System.nanoTime();
					if (response.statusCode() != 201) {
						throw new IllegalStateException(response.statusCode() + " " + response.body());
					}
					if (counted) {
						latencies.add(done - intended);
					}
				}
				catch (Exception e) {
					if (counted && errors.incrementAndGet() <= 3) {
						System.err.println("error: " + e.getMessage());
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(2, TimeUnit.MINUTES);
		Map<String, Double> used = CpuMeter.delta(before, cpu.read());
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		return new Result("intake paced", c, duration, sorted.length, errors.get(), sorted, used);
	}

	// --- bare insert -------------------------------------------------------------------------------------------

	static Result bareInsert(String jdbcUrl, int c, int warmup, int duration, CpuMeter cpu) throws Exception {
		System.out.printf(Locale.ROOT, "bare insert, %d JDBC connections (autocommit): %d s warm-up, %d s measured%n", c, warmup,
				duration);
		try (Connection admin = DriverManager.getConnection(jdbcUrl); Statement s = admin.createStatement()) {
			s.execute("drop table if exists bench_insert");
			s.execute("create table bench_insert (id bigserial primary key, payload text, at timestamptz default now())");
		}
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < c; i++) {
			Connection connection = DriverManager.getConnection(jdbcUrl);
			connection.setAutoCommit(true);
			connections.add(connection);
		}
		String payload = DESCRIPTIONS[0] + " " + DESCRIPTIONS[1] + " " + DESCRIPTIONS[2];
		try {
			ThreadLocal<PreparedStatement> statements = new ThreadLocal<>();
			AtomicLong next = new AtomicLong();
			return closedLoop("bare insert", c, warmup, duration, cpu, () -> {
				PreparedStatement ps = statements.get();
				if (ps == null) {
					ps = connections.get((int) next.getAndIncrement()).prepareStatement("insert into bench_insert (payload) values (?)");
					statements.set(ps);
				}
				ps.setString(1, payload);
				ps.executeUpdate();
			});
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	// --- the closed loop ---------------------------------------------------------------------------------------

	interface Operation {

		void run() throws Exception;
	}

	static Result closedLoop(String name, int c, int warmup, int duration, CpuMeter cpu, Operation op) throws Exception {
		long start = System.nanoTime();
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
		long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
		long[][] samples = new long[c][];
		int[] counts = new int[c];
		AtomicLong errors = new AtomicLong();
		CountDownLatch done = new CountDownLatch(c);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < c; t++) {
			int id = t;
			samples[t] = new long[1 << 14];
			Thread thread = new Thread(() -> {
				try {
					while (true) {
						long t0 = System.nanoTime();
						if (t0 >= end) {
							break;
						}
						boolean ok = true;
						try {
							op.run();
						}
						catch (Exception e) {
							ok = false;
							if (t0 >= measureFrom && errors.incrementAndGet() <= 3) {
								System.err.println("error: " + e.getMessage());
							}
						}
						long t1 = System.nanoTime();
						// Count operations that started in the window and finished before it closed.
						if (ok && t0 >= measureFrom && t1 <= end) {
							if (counts[id] == samples[id].length) {
								samples[id] = Arrays.copyOf(samples[id], 2 * counts[id]);
							}
							samples[id][counts[id]++] = t1 - t0;
						}
					}
				}
				finally {
					done.countDown();
				}
			}, name + "-" + t);
			threads.add(thread);
			thread.start();
		}
		long untilMeasure = measureFrom - System.nanoTime();
		if (untilMeasure > 0) {
			TimeUnit.NANOSECONDS.sleep(untilMeasure);
		}
		Map<String, Double> before = cpu.read();
		long untilEnd = end - System.nanoTime();
		if (untilEnd > 0) {
			TimeUnit.NANOSECONDS.sleep(untilEnd);
		}
		Map<String, Double> used = CpuMeter.delta(before, cpu.read());
		done.await();
		long total = 0;
		for (int n : counts) {
			total += n;
		}
		long[] all = new long[(int) total];
		int at = 0;
		for (int t = 0; t < c; t++) {
			System.arraycopy(samples[t], 0, all, at, counts[t]);
			at += counts[t];
		}
		Arrays.sort(all);
		return new Result(name, c, duration, total, errors.get(), all, used);
	}

	// --- statement profile -------------------------------------------------------------------------------------

	/**
	 * Sends {@code n} reports one after another and prints, per report, what PostgreSQL's statistics views counted
	 * meanwhile: sequential and index scans and inserted rows per table, commits, rows returned and fetched. (The
	 * embedded server's own log is not reachable from here, so statements are not logged one by one.)
	 */
	static void profile(HttpClient http, String url, Bodies bodies, String jdbcUrl, int n) throws Exception {
		try (Connection admin = DriverManager.getConnection(jdbcUrl); Statement s = admin.createStatement()) {
			Map<String, long[]> before = stats(s);
			long t0 = System.nanoTime();
			for (int i = 0; i < n; i++) {
				HttpResponse<String> response = http.send(bodies.request(url), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 201) {
					System.err.println("profile: " + response.statusCode() + " " + response.body());
				}
			}
			long t1 = System.nanoTime();
			Thread.sleep(2000); // backends report their counters at most once a second
			Map<String, long[]> after = stats(s);
			System.out.println();
			System.out.printf(Locale.ROOT, "=== Profile: %d sequential reports, %.2f ms each; PostgreSQL counters per report ===%n", n,
					(t1 - t0) / 1e6 / n);
			System.out.println("| table | seq scans | rows read by seq scans | index scans | rows inserted |");
			System.out.println("| --- | --- | --- | --- | --- |");
			after.forEach((table, a) -> {
				long[] b = before.getOrDefault(table, new long[a.length]);
				double[] d = new double[a.length];
				boolean any = false;
				for (int i = 0; i < a.length; i++) {
					d[i] = (a[i] - b[i]) / (double) n;
					any |= a[i] != b[i];
				}
				if (any && !table.startsWith("bench_")) {
					System.out.printf(Locale.ROOT, table.startsWith("(") ? "| %s | commits %.2f | rollbacks %.2f | rows returned %.1f | rows fetched %.1f |%n"
							: "| %s | %.2f | %.1f | %.2f | %.2f |%n", table, d[0], d[1], d[2], d[3]);
				}
			});
		}
	}

	private static Map<String, long[]> stats(Statement s) throws Exception {
		Map<String, long[]> m = new java.util.TreeMap<>();
		s.execute("select pg_stat_clear_snapshot()");
		try (var rs = s.executeQuery("""
				select relname, seq_scan, coalesce(seq_tup_read, 0), coalesce(idx_scan, 0), n_tup_ins from pg_stat_user_tables""")) {
			while (rs.next()) {
				m.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) });
			}
		}
		try (var rs = s.executeQuery("""
				select xact_commit, xact_rollback, tup_returned, tup_fetched from pg_stat_database where datname = current_database()""")) {
			rs.next();
			m.put("(database)", new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) });
		}
		return m;
	}

	// --- inputs ------------------------------------------------------------------------------------------------

	static List<String> categories(HttpClient http, String url) throws Exception {
		String json = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/categories")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		List<String> codes = new ArrayList<>();
		Matcher m = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		while (m.find()) {
			codes.add(m.group(1));
		}
		if (codes.isEmpty()) {
			throw new IllegalStateException("No categories: " + json);
		}
		return codes;
	}

	/** Random points strictly inside the level-4 grids: pick a grid at random, then a point in it by rejection. */
	static List<Point> points(HttpClient http, String url, long seed, int n) throws Exception {
		String auth = Base64.getEncoder().encodeToString("admin:fengqiao-demo".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/geo/layers/grids?level=4"))
			.header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("grids: " + response.statusCode() + " " + response.body());
		}
		Geometry all = new GeoJsonReader().read(response.body());
		List<PreparedGeometry> grids = new ArrayList<>();
		for (int i = 0; i < all.getNumGeometries(); i++) {
			Geometry g = all.getGeometryN(i);
			if (!g.isEmpty() && g.getArea() > 0) {
				grids.add(PreparedGeometryFactory.prepare(g));
			}
		}
		if (grids.isEmpty()) {
			throw new IllegalStateException("No level-4 grids");
		}
		GeometryFactory factory = new GeometryFactory();
		SplittableRandom r = new SplittableRandom(seed);
		List<Point> points = new ArrayList<>(n);
		while (points.size() < n) {
			PreparedGeometry g = grids.get(r.nextInt(grids.size()));
			Envelope e = g.getGeometry().getEnvelopeInternal();
			for (int attempt = 0; attempt < 100; attempt++) {
				double lon = e.getMinX() + r.nextDouble() * e.getWidth();
				double lat = e.getMinY() + r.nextDouble() * e.getHeight();
				if (g.containsProperly(factory.createPoint(new Coordinate(lon, lat)))) {
					points.add(new Point(lon, lat));
					break;
				}
			}
		}
		return points;
	}

	// --- CPU accounting ----------------------------------------------------------------------------------------

	/** CPU time (user + system) of the service JVM, the PostgreSQL server and its backends, and this JVM. */
	static final class CpuMeter {

		private final long servicePid;

		private final Path pgData;

		CpuMeter(String pids, String pgData) {
			this.servicePid = pids.isBlank() ? -1 : Long.parseLong(pids.strip());
			this.pgData = pgData == null || pgData.isBlank() ? null : Path.of(pgData);
		}

		Map<String, Double> read() {
			Map<String, Double> m = new LinkedHashMap<>();
			if (servicePid > 0) {
				m.put("service", seconds(servicePid));
			}
			long postmaster = postmaster();
			if (postmaster > 0) {
				double[] sum = { seconds(postmaster) };
				ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(ch -> sum[0] += seconds(ch.pid())));
				m.put("postgres", sum[0]);
			}
			m.put("loadgen", seconds(ProcessHandle.current().pid()));
			return m;
		}

		static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
			Map<String, Double> d = new LinkedHashMap<>();
			if (before == null) {
				return d;
			}
			after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
			return d;
		}

		private long postmaster() {
			if (pgData == null) {
				return -1;
			}
			try {
				return Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip());
			}
			catch (Exception e) {
				return -1;
			}
		}

		/** utime + stime of a process (all its threads), in seconds; exited backends are not counted. */
		private static double seconds(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// after "pid (comm) ": state is f[0]; utime is field 14 overall -> f[11], stime f[12]
				return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
			}
			catch (Exception e) {
				return 0;
			}
		}
	}

	private static void print(Result r) {
		System.out.printf(Locale.ROOT, "  %-13s C=%-3d %8.1f /s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d ok, %d errors)%n",
				r.name(), r.concurrency(), r.rate(), r.pct(50), r.pct(90), r.pct(99), r.pct(100), r.ok(), r.errors());
	}

	private IntakeLoad() {
	}
}
