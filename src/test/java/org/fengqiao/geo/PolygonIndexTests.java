package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

@Execution(ExecutionMode.CONCURRENT)
class PolygonIndexTests {

	private static final GeometryFactory GF = new GeometryFactory();

	// ------------------------------------------------------------------------------------------------
	// fixtures
	// ------------------------------------------------------------------------------------------------

	/**
	 * Regular flat-top hexagon tiling; shared vertices are bit-identical (computed from
	 * lattice ints).
	 */
	static List<Polygon> hexTiling(int cols, int rows, double x0, double y0, double radius) {
		double hx = radius * 0.5, hy = radius * Math.sqrt(3) * 0.5;
		return latticeHexTiling(cols, rows, x0, y0, hx, hy);
	}

	/**
	 * Hexagon tiling whose vertices lie on the lattice (x0 + i*hx, y0 + j*hy); with
	 * dyadic hx, hy the points k/4 along every edge are exactly on the edge.
	 */
	static List<Polygon> latticeHexTiling(int cols, int rows, double x0, double y0, double hx, double hy) {
		int[][] offs = { { 2, 0 }, { 1, 1 }, { -1, 1 }, { -2, 0 }, { -1, -1 }, { 1, -1 } };
		List<Polygon> out = new ArrayList<>();
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < cols; c++) {
				int ci = 3 * c + 2, cj = 2 * r + 1 + (c & 1);
				Coordinate[] ring = new Coordinate[7];
				for (int k = 0; k < 6; k++) {
					ring[k] = new Coordinate(x0 + (ci + offs[k][0]) * hx, y0 + (cj + offs[k][1]) * hy);
				}
				ring[6] = ring[0].copy();
				out.add(GF.createPolygon(ring));
			}
		}
		return out;
	}

	static Polygon square(double x0, double y0, double x1, double y1) {
		return GF.createPolygon(new Coordinate[] { new Coordinate(x0, y0), new Coordinate(x1, y0),
				new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0) });
	}

	static LinearRing squareRing(double x0, double y0, double x1, double y1) {
		return square(x0, y0, x1, y1).getExteriorRing();
	}

	/** Random star-shaped polygon (ragged, many vertices, sometimes with a hole). */
	static Polygon randomStar(SplittableRandom rnd, double cx, double cy, double r, int n, boolean hole) {
		Coordinate[] ring = new Coordinate[n + 1];
		for (int i = 0; i < n; i++) {
			double a = 2 * Math.PI * i / n;
			double rr = r * (0.45 + 0.55 * rnd.nextDouble());
			ring[i] = new Coordinate(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
		}
		ring[n] = ring[0].copy();
		LinearRing shell = GF.createLinearRing(ring);
		if (!hole) {
			return GF.createPolygon(shell);
		}
		double h = r * 0.2;
		return GF.createPolygon(shell, new LinearRing[] { squareRing(cx - h, cy - h, cx + h, cy + h) });
	}

	/** Brute-force oracle: first polygon whose locator says "not exterior". */
	static int brute(List<? extends Geometry> polys, IndexedPointInAreaLocator[] locs, double x, double y) {
		Coordinate p = new Coordinate(x, y);
		for (int i = 0; i < polys.size(); i++) {
			if (locs[i].locate(p) != Location.EXTERIOR) {
				return i;
			}
		}
		return -1;
	}

	static IndexedPointInAreaLocator[] locators(List<? extends Geometry> polys) {
		return polys.stream().map(IndexedPointInAreaLocator::new).toArray(IndexedPointInAreaLocator[]::new);
	}

	static Envelope extent(List<? extends Geometry> polys) {
		Envelope e = new Envelope();
		polys.forEach(g -> e.expandToInclude(g.getEnvelopeInternal()));
		return e;
	}

	/**
	 * Asserts fast == reference on n random points in (a slightly enlarged) extent;
	 * returns #inside.
	 */
	static int assertRandomAgreement(List<? extends Geometry> polys, PolygonIndex fast, ReferencePolygonIndex ref,
			int n, long seed) {
		Envelope e = extent(polys);
		double mx = e.getWidth() * 0.05, my = e.getHeight() * 0.05;
		SplittableRandom rnd = new SplittableRandom(seed);
		int inside = 0;
		for (int i = 0; i < n; i++) {
			double x = e.getMinX() - mx + rnd.nextDouble() * (e.getWidth() + 2 * mx);
			double y = e.getMinY() - my + rnd.nextDouble() * (e.getHeight() + 2 * my);
			int expected = ref.locate(x, y);
			int actual = fast.locate(x, y);
			if (actual != expected) {
				throw new AssertionError("mismatch at (" + x + ", " + y + "): fast=" + actual + " reference=" + expected
						+ " " + fast.stats());
			}
			if (expected >= 0) {
				inside++;
			}
		}
		return inside;
	}

	/**
	 * Tuning variants, so that tiny and deep trees (all leaf kinds) are exercised too.
	 */
	static List<PolygonIndex> variants(List<? extends Geometry> polys) {
		return List.of(new PolygonIndex(polys), new PolygonIndex(polys, 1, 1, 16, 0, 0), // a
																							// handful
																							// of
																							// root
																							// cells,
																							// no
																							// refinement
				new PolygonIndex(polys, 1, 4, 64, 6, 0), // small root, deep tree
				new PolygonIndex(polys, 64, 1 << 12, 1 << 20, 2, 8));
	}

	// ------------------------------------------------------------------------------------------------
	// tests
	// ------------------------------------------------------------------------------------------------

	@Test
	void hexTilingAgreesWithReferenceOnRandomPoints() {
		List<Polygon> hexes = hexTiling(60, 40, 108.0, 34.0, 0.01);
		ReferencePolygonIndex ref = new ReferencePolygonIndex(hexes);
		for (PolygonIndex fast : variants(hexes)) {
			assertThat(fast.size()).isEqualTo(2400);
			int inside = assertRandomAgreement(hexes, fast, ref, 200_000, 7);
			assertThat(inside).isGreaterThan(100_000); // the test really hits polygons
		}
	}

	@Test
	void sharedEdgesAndVerticesGoToLowestIndexLikeReference() {
		// dyadic lattice: vertices and the points k/4 along each edge are exactly on the
		// edges
		List<Polygon> hexes = latticeHexTiling(20, 15, 108.0, 34.0, 1.0 / 256, 1.0 / 128);
		// shuffle the order so that "lowest index" is not simply "leftmost / lowest"
		List<Polygon> shuffled = new ArrayList<>(hexes);
		java.util.Collections.shuffle(shuffled, new java.util.Random(3));
		ReferencePolygonIndex ref = new ReferencePolygonIndex(shuffled);
		IndexedPointInAreaLocator[] locs = locators(shuffled);
		List<PolygonIndex> fasts = variants(shuffled);
		int onSharedEdge = 0;
		for (int i = 0; i < shuffled.size(); i++) {
			Coordinate[] cs = shuffled.get(i).getCoordinates();
			for (int k = 0; k + 1 < cs.length; k++) {
				for (int q = 0; q < 4; q++) {
					double x = cs[k].x + (cs[k + 1].x - cs[k].x) * q / 4.0;
					double y = cs[k].y + (cs[k + 1].y - cs[k].y) * q / 4.0;
					int expected = brute(shuffled, locs, x, y);
					assertThat(expected).as("point on the boundary of polygon %d", i).isBetween(0, i);
					assertThat(ref.locate(x, y)).isEqualTo(expected);
					for (PolygonIndex fast : fasts) {
						assertThat(fast.locate(x, y)).as("(%s, %s)", x, y).isEqualTo(expected);
					}
					if (expected < i) {
						onSharedEdge++;
					}
				}
			}
		}
		assertThat(onSharedEdge).isGreaterThan(1000);
	}

	@Test
	void axisAlignedSharedEdgeExactly() {
		// two unit squares sharing the edge x = 1; list order decides
		List<Polygon> ab = List.of(square(1, 0, 2, 1), square(0, 0, 1, 1));
		for (PolygonIndex fast : variants(ab)) {
			assertThat(fast.locate(1.0, 0.5)).isEqualTo(0); // shared edge -> lower index
															// (the right square)
			assertThat(fast.locate(1.0, 0.0)).isEqualTo(0); // shared vertex
			assertThat(fast.locate(1.0, 1.0)).isEqualTo(0);
			assertThat(fast.locate(0.0, 0.0)).isEqualTo(1); // vertex of the left square
															// only
			assertThat(fast.locate(0.5, 1.0)).isEqualTo(1); // top edge of the left square
			assertThat(fast.locate(Math.nextDown(1.0), 0.5)).isEqualTo(1);
			assertThat(fast.locate(Math.nextUp(1.0), 0.5)).isEqualTo(0);
			assertThat(fast.locate(2.0, Math.nextUp(1.0))).isEqualTo(-1);
		}
	}

	@Test
	void randomOverlappingPolygonsWithHolesAndMultiPolygonsAgreeWithReference() {
		SplittableRandom rnd = new SplittableRandom(11);
		List<Geometry> polys = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			double cx = rnd.nextDouble() * 10, cy = rnd.nextDouble() * 10, r = 0.2 + rnd.nextDouble() * 1.5;
			Polygon a = randomStar(rnd, cx, cy, r, 5 + rnd.nextInt(200), rnd.nextInt(4) == 0);
			if (rnd.nextInt(5) == 0) {
				Polygon b = randomStar(rnd, cx + 3 * r, cy, r * 0.5, 5 + rnd.nextInt(30), false);
				polys.add(GF.createMultiPolygon(new Polygon[] { a, b }));
			}
			else {
				polys.add(a);
			}
		}
		ReferencePolygonIndex ref = new ReferencePolygonIndex(polys);
		IndexedPointInAreaLocator[] locs = locators(polys);
		for (PolygonIndex fast : variants(polys)) {
			assertRandomAgreement(polys, fast, ref, 100_000, 5);
			// every vertex (on the boundary of its polygon, often inside others)
			for (Geometry g : polys) {
				for (Coordinate c : g.getCoordinates()) {
					assertThat(fast.locate(c.x, c.y)).isEqualTo(brute(polys, locs, c.x, c.y))
						.isEqualTo(ref.locate(c.x, c.y));
				}
			}
		}
	}

	@Test
	void holeBelongsToTheFillingPolygonOnly() {
		Polygon withHole = GF.createPolygon(squareRing(0, 0, 10, 10), new LinearRing[] { squareRing(4, 4, 6, 6) });
		Polygon filler = square(4, 4, 6, 6);
		List<Polygon> onlyHoled = List.of(withHole);
		List<Polygon> both = List.of(withHole, filler);
		for (PolygonIndex fast : variants(onlyHoled)) {
			assertThat(fast.locate(5, 5)).isEqualTo(-1);
			assertThat(fast.locate(2, 2)).isEqualTo(0);
			assertThat(fast.locate(4, 5)).isEqualTo(0); // hole boundary is the polygon's
														// boundary
		}
		for (PolygonIndex fast : variants(both)) {
			assertThat(fast.locate(5, 5)).isEqualTo(1); // in the hole -> the filler
			assertThat(fast.locate(4, 5)).isEqualTo(0); // shared hole edge -> lowest
														// index
			assertThat(fast.locate(8, 8)).isEqualTo(0);
			assertThat(fast.locate(11, 5)).isEqualTo(-1);
		}
		ReferencePolygonIndex ref = new ReferencePolygonIndex(both);
		assertThat(ref.locate(5, 5)).isEqualTo(1);
		assertThat(ref.locate(4, 5)).isEqualTo(0);
	}

	@Test
	void multiPolygonWithTwoParts() {
		Geometry mp = GF.createMultiPolygon(new Polygon[] { square(0, 0, 1, 1), square(5, 5, 6, 6) });
		List<Geometry> polys = List.of(square(2, 2, 3, 3), mp);
		for (PolygonIndex fast : variants(polys)) {
			assertThat(fast.locate(0.5, 0.5)).isEqualTo(1);
			assertThat(fast.locate(5.5, 5.5)).isEqualTo(1);
			assertThat(fast.locate(6, 6)).isEqualTo(1);
			assertThat(fast.locate(2.5, 2.5)).isEqualTo(0);
			assertThat(fast.locate(4, 4)).isEqualTo(-1); // between the parts, inside the
															// envelope
			assertThat(fast.locate(0.5, 5.5)).isEqualTo(-1);
		}
	}

	@Test
	void outsideEverythingAndNonFiniteCoordinatesGiveMinusOne() {
		List<Polygon> hexes = hexTiling(5, 5, 0, 0, 1);
		ReferencePolygonIndex ref = new ReferencePolygonIndex(hexes);
		for (PolygonIndex fast : variants(hexes)) {
			for (double[] p : new double[][] { { -100, -100 }, { 1e300, 0 }, { -1, 2 }, { Double.NaN, 1 },
					{ 1, Double.NaN }, { Double.POSITIVE_INFINITY, 1 }, { 1, Double.NEGATIVE_INFINITY } }) {
				assertThat(fast.locate(p[0], p[1])).isEqualTo(-1).isEqualTo(ref.locate(p[0], p[1]));
			}
		}
	}

	@Test
	void emptyListAndEmptyPolygons() {
		PolygonIndex none = new PolygonIndex(List.of());
		assertThat(none.size()).isZero();
		assertThat(none.locate(0, 0)).isEqualTo(-1);
		assertThat(new ReferencePolygonIndex(List.of()).locate(0, 0)).isEqualTo(-1);

		List<Polygon> withEmpty = List.of(GF.createPolygon(), square(0, 0, 1, 1));
		PolygonIndex fast = new PolygonIndex(withEmpty);
		assertThat(fast.size()).isEqualTo(2);
		assertThat(fast.locate(0.5, 0.5)).isEqualTo(1);
		assertThat(new ReferencePolygonIndex(withEmpty).locate(0.5, 0.5)).isEqualTo(1);
	}

	@Test
	void degeneratePolygonsBehaveLikeJts() {
		Coordinate c = new Coordinate(0, 0);
		Polygon point = GF.createPolygon(new Coordinate[] { c, c.copy(), c.copy(), c.copy() });
		Polygon sliver = GF.createPolygon(new Coordinate[] { new Coordinate(1, 1), new Coordinate(3, 1),
				new Coordinate(2, 1), new Coordinate(1, 1) });
		for (List<Polygon> polys : List.of(List.of(point), List.of(sliver), List.of(point, sliver))) {
			ReferencePolygonIndex ref = new ReferencePolygonIndex(polys);
			for (PolygonIndex fast : variants(polys)) {
				for (double[] p : new double[][] { { 0, 0 }, { 1e-12, 0 }, { 1, 1 }, { 2.5, 1 }, { 2.5, 1.0000001 },
						{ 3, 1 }, { Math.nextUp(3.0), 1 }, { 5, 5 } }) {
					assertThat(fast.locate(p[0], p[1])).as("(%s, %s)", p[0], p[1]).isEqualTo(ref.locate(p[0], p[1]));
				}
			}
		}
	}

	@Test
	void rejectsNonPolygonalInput() {
		List<Geometry> bad = List.of(GF.createPoint(new Coordinate(1, 1)));
		assertThatThrownBy(() -> new PolygonIndex(bad)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ReferencePolygonIndex(bad)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void concurrentReadersSeeTheSameAnswers() {
		List<Polygon> hexes = hexTiling(40, 40, 0, 0, 1);
		PolygonIndex fast = new PolygonIndex(hexes);
		ReferencePolygonIndex ref = new ReferencePolygonIndex(hexes);
		Envelope e = extent(hexes);
		long mismatches = IntStream.range(0, 200_000).parallel().filter(i -> {
			SplittableRandom r = new SplittableRandom(i);
			double x = e.getMinX() + r.nextDouble() * e.getWidth(), y = e.getMinY() + r.nextDouble() * e.getHeight();
			return fast.locate(x, y) != ref.locate(x, y);
		}).count();
		assertThat(mismatches).isZero();
	}

	@Test
	void reportsStatsAndMemory() {
		PolygonIndex fast = new PolygonIndex(hexTiling(10, 10, 0, 0, 1));
		assertThat(fast.memoryBytesEstimate()).isPositive();
		assertThat(fast.stats()).contains("polygons=100");
	}

}
