package org.fengqiao.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * A police grid (警务大网格): a station's patrol and responsibility area, made of whole
 * community grids.
 */
record PoliceGrid(String code, String name, String stationCode, Geometry boundary) {
}
