package org.fengqiao.geo;

import org.locationtech.jts.geom.Geometry;

/** A police station (派出所) and its area: the union of its police grids. */
record PoliceStation(String code, String name, String divisionCode, Geometry boundary) {
}
