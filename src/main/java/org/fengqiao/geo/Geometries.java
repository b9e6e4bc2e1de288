package org.fengqiao.geo;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Geometry helpers shared inside the module. Coordinates are lon/lat degrees (CGCS2000,
 * metre-level WGS84).
 */
final class Geometries {

	static final int SRID = 4490;

	static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

	/** Metres per degree of latitude; longitude degrees shrink with cos(latitude). */
	static final double METRES_PER_DEGREE = 111_320.0;

	private Geometries() {
	}

	static byte[] toWkb(Geometry geometry) {
		return new WKBWriter(2).write(geometry);
	}

	static Geometry fromWkb(byte[] wkb) {
		try {
			Geometry geometry = new WKBReader(FACTORY).read(wkb);
			geometry.setSRID(SRID);
			return geometry;
		}
		catch (ParseException e) {
			throw new IllegalStateException("Stored geometry is not valid WKB", e);
		}
	}

	static Point point(double lon, double lat) {
		return FACTORY.createPoint(new Coordinate(lon, lat));
	}

	/**
	 * The polygonal part of a geometry as a Polygon or MultiPolygon (lines and points
	 * from overlays dropped).
	 */
	static Geometry polygonal(Geometry geometry) {
		if (geometry instanceof Polygon || geometry instanceof MultiPolygon) {
			return geometry;
		}
		List<Polygon> polygons = new ArrayList<>();
		for (int i = 0; i < geometry.getNumGeometries(); i++) {
			Geometry part = geometry.getGeometryN(i);
			if (part instanceof Polygon polygon && !polygon.isEmpty()) {
				polygons.add(polygon);
			}
			else if (part instanceof MultiPolygon multi) {
				for (int j = 0; j < multi.getNumGeometries(); j++) {
					polygons.add((Polygon) multi.getGeometryN(j));
				}
			}
		}
		if (polygons.size() == 1) {
			return polygons.get(0);
		}
		return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
	}

	static Geometry union(List<Geometry> parts) {
		return polygonal(UnaryUnionOp.union(parts));
	}

	/**
	 * Approximate area in square metres, good to a fraction of a percent at county scale.
	 */
	static double areaSquareMetres(Geometry geometry) {
		if (geometry.isEmpty()) {
			return 0;
		}
		double lat = geometry.getEnvelopeInternal().centre().y;
		return geometry.getArea() * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
	}

	/**
	 * Great-circle distance in metres (equirectangular approximation, exact enough within
	 * a county).
	 */
	static double distanceMetres(double lon1, double lat1, double lon2, double lat2) {
		double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
		double y = Math.toRadians(lat2 - lat1);
		return Math.sqrt(x * x + y * y) * 6_371_008.8;
	}

	static Envelope envelopeOf(List<? extends Geometry> geometries) {
		Envelope envelope = new Envelope();
		geometries.forEach(g -> envelope.expandToInclude(g.getEnvelopeInternal()));
		return envelope;
	}

}
