package org.fengqiao.geo.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.fengqiao.geo.PolygonIndex;
import org.fengqiao.geo.ReferencePolygonIndex;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Point-in-polygon lookups/s: {@link PolygonIndex} (fast) vs {@link ReferencePolygonIndex} (JTS STRtree +
 * IndexedPointInAreaLocator), single thread.
 *
 * <pre>
 * mvn -Pbenchmarks test-compile exec:java -Dexec.args="LocatorBenchmark"
 * # other GeoJSON file:  -Dexec.args="LocatorBenchmark -p geojson=/path/to/file.geojson"
 * </pre>
 *
 * Datasets: {@code hex100k} = 400 x 250 = 100,000 regular hexagons with exactly shared edges (deterministic);
 * {@code shaanxi} = the 107 county polygons of the GeoJSON file. Queries: 2^20 seeded pseudo-random points in the
 * dataset's bounding box enlarged by 1.5% on each side (a few percent fall outside everything). Before measuring,
 * the setup checks that both implementations agree on every query point and fails the run otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LocatorBenchmark {

    static final int POINTS = 1 << 20;
    static final int BATCH = 1 << 16;

    @Param({"hex100k", "shaanxi"})
    public String dataset;

    @Param({"/work/shared/data/shaanxi-counties.geojson"})
    public String geojson;

    private PolygonIndex fast;
    private ReferencePolygonIndex reference;
    private double[] xs;
    private double[] ys;
    private int cursor;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        List<? extends Geometry> polygons;
        if (dataset.equals("hex100k")) {
            polygons = HexGrid.generate(400, 250, 108.0, 34.0, 0.001);
        } else if (dataset.equals("shaanxi")) {
            polygons = GeoJsonPolygons.load(Path.of(System.getProperty("locator.geojson", geojson)));
        } else {
            throw new IllegalArgumentException("unknown dataset " + dataset);
        }
        long t0 = System.nanoTime();
        fast = new PolygonIndex(polygons);
        long t1 = System.nanoTime();
        reference = new ReferencePolygonIndex(polygons);
        long t2 = System.nanoTime();

        Envelope env = new Envelope();
        polygons.forEach(g -> env.expandToInclude(g.getEnvelopeInternal()));
        double mx = env.getWidth() * 0.015, my = env.getHeight() * 0.015;
        SplittableRandom rnd = new SplittableRandom(20240601L);
        xs = new double[POINTS];
        ys = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = env.getMinX() - mx + rnd.nextDouble() * (env.getWidth() + 2 * mx);
            ys[i] = env.getMinY() - my + rnd.nextDouble() * (env.getHeight() + 2 * my);
        }
        int agree = 0, inside = 0;
        for (int i = 0; i < POINTS; i++) {
            int a = fast.locate(xs[i], ys[i]);
            int b = reference.locate(xs[i], ys[i]);
            if (a != b) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "DISAGREEMENT at point %d (%s, %s): fast=%d reference=%d", i, xs[i], ys[i], a, b));
            }
            agree++;
            if (b >= 0) {
                inside++;
            }
        }
        System.out.printf(Locale.ROOT, "%n[%s] %d polygons; agreement %d/%d query points (%d inside a polygon)%n",
                dataset, polygons.size(), agree, POINTS, inside);
        System.out.printf(Locale.ROOT, "[%s] build: fast %.0f ms, reference %.0f ms; fast memory estimate %.1f MB%n",
                dataset, (t1 - t0) / 1e6, (t2 - t1) / 1e6, fast.memoryBytesEstimate() / 1048576.0);
        System.out.printf("[%s] %s%n[%s] %s%n", dataset, fast.stats(), dataset, reference.stats());
        cursor = 0;
    }

    // The two loops below are copies on purpose: each calls one concrete index class directly, so the JIT sees a
    // monomorphic call site in both and neither measurement pays for an interface dispatch the other does not.
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void fast(Blackhole bh) {
        final PolygonIndex idx = fast;
        final double[] x = xs, y = ys;
        int from = cursor;
        int sum = 0;
        for (int i = from, end = from + BATCH; i < end; i++) {
            sum += idx.locate(x[i], y[i]);
        }
        cursor = (from + BATCH) & (POINTS - 1);
        bh.consume(sum);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void reference(Blackhole bh) {
        final ReferencePolygonIndex idx = reference;
        final double[] x = xs, y = ys;
        int from = cursor;
        int sum = 0;
        for (int i = from, end = from + BATCH; i < end; i++) {
            sum += idx.locate(x[i], y[i]);
        }
        cursor = (from + BATCH) & (POINTS - 1);
        bh.consume(sum);
    }
}
