package org.fengqiao.geo;

import java.util.List;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.index.strtree.STRtree;

/** Placeholder until the cell index lands: lowest index whose polygon contains the point, or -1. */
public final class PolygonIndex {

	private final STRtree tree = new STRtree();

	private final IndexedPointInAreaLocator[] locators;

	public PolygonIndex(List<? extends Geometry> polygons) {
		locators = new IndexedPointInAreaLocator[polygons.size()];
		for (int i = 0; i < polygons.size(); i++) {
			locators[i] = new IndexedPointInAreaLocator(polygons.get(i));
			tree.insert(polygons.get(i).getEnvelopeInternal(), i);
		}
		tree.build();
	}

	public int locate(double x, double y) {
		int best = -1;
		Coordinate c = new Coordinate(x, y);
		for (Object o : tree.query(new Envelope(c))) {
			int i = (Integer) o;
			if ((best < 0 || i < best) && locators[i].locate(c) != Location.EXTERIOR) {
				best = i;
			}
		}
		return best;
	}

	public int size() {
		return locators.length;
	}
}
