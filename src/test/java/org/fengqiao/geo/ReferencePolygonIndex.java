package org.fengqiao.geo;

import java.util.List;
import java.util.Objects;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reference point-in-polygon index built from stock JTS parts: an {@link STRtree} over
 * the polygon envelopes and one {@link IndexedPointInAreaLocator} per polygon.
 *
 * <p>
 * Semantics (identical to {@link PolygonIndex}): {@link #locate(double, double)} returns
 * the lowest list index {@code i} whose polygon contains the point in JTS terms, i.e.
 * {@code IndexedPointInAreaLocator.locate(p) != Location.EXTERIOR} (interior or
 * boundary), else -1. A point on an edge shared by two polygons, or inside an overlap,
 * therefore goes to the polygon that comes first in the list. NaN or infinite coordinates
 * return -1.
 *
 * <p>
 * Immutable after construction and safe for concurrent readers (all lazy JTS structures
 * are forced in the constructor).
 */
public final class ReferencePolygonIndex {

	private final int size;

	private final STRtree tree;

	private final IndexedPointInAreaLocator[] locators;

	private final long vertexCount;

	public ReferencePolygonIndex(List<? extends Geometry> polygons) {
		Objects.requireNonNull(polygons, "polygons");
		this.size = polygons.size();
		this.locators = new IndexedPointInAreaLocator[size];
		this.tree = new STRtree();
		long vertices = 0;
		for (int i = 0; i < size; i++) {
			Geometry g = polygons.get(i);
			if (!(g instanceof Polygonal)) {
				throw new IllegalArgumentException("geometry " + i + " is not a Polygon/MultiPolygon: "
						+ (g == null ? "null" : g.getGeometryType()));
			}
			vertices += g.getNumPoints();
			IndexedPointInAreaLocator loc = new IndexedPointInAreaLocator(g);
			loc.locate(new Coordinate(0, 0)); // force the lazy (synchronized) index build
												// now
			locators[i] = loc;
			if (!g.isEmpty()) {
				tree.insert(g.getEnvelopeInternal(), i);
			}
		}
		tree.build();
		this.vertexCount = vertices;
	}

	/**
	 * Lowest index whose polygon contains (x, y) (interior or boundary), or -1.
	 * NaN/infinite: -1.
	 */
	public int locate(double x, double y) {
		if (!Double.isFinite(x) || !Double.isFinite(y) || size == 0) {
			return -1;
		}
		Coordinate p = new Coordinate(x, y);
		Best best = new Best(p, locators);
		tree.query(new Envelope(x, x, y, y), best);
		return best.index == Integer.MAX_VALUE ? -1 : best.index;
	}

	public int size() {
		return size;
	}

	public String stats() {
		return "ReferencePolygonIndex{polygons=" + size + ", vertices=" + vertexCount + ", strtreeDepth=" + tree.depth()
				+ "}";
	}

	private static final class Best implements ItemVisitor {

		private final Coordinate p;

		private final IndexedPointInAreaLocator[] locators;

		int index = Integer.MAX_VALUE;

		Best(Coordinate p, IndexedPointInAreaLocator[] locators) {
			this.p = p;
			this.locators = locators;
		}

		@Override
		public void visitItem(Object item) {
			int i = (Integer) item;
			if (i < index && locators[i].locate(p) != Location.EXTERIOR) {
				index = i;
			}
		}

	}

}
