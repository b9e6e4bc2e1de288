package org.fengqiao.geo;

import java.io.InputStream;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * Geometry in the module's reference system (lon/lat degrees, CGCS2000), for those who
 * prepare a {@link GeographyImport}: the same factory, unions and areas the module uses.
 */
public final class CountyGeometry {

	/** The factory of every stored geometry (SRID 4490). */
	public static final GeometryFactory FACTORY = Geometries.FACTORY;

	private CountyGeometry() {
	}

	/**
	 * The geometries of a GeoJSON file (a feature collection, a feature or a geometry).
	 */
	public static List<Geometry> readGeoJson(InputStream in) {
		return GeoJson.readFeatures(in).stream().map(GeoJson.Feature::geometry).toList();
	}

	public static Point point(double lon, double lat) {
		return Geometries.point(lon, lat);
	}

	/** The polygonal part of a geometry (lines and points from overlays dropped). */
	public static Geometry polygonal(Geometry geometry) {
		return Geometries.polygonal(geometry);
	}

	/** The union of the parts, as a polygon or multipolygon. */
	public static Geometry union(List<Geometry> parts) {
		return Geometries.union(parts);
	}

	/** Approximate area in square metres. */
	public static double areaSquareMetres(Geometry geometry) {
		return Geometries.areaSquareMetres(geometry);
	}

}
