package org.fengqiao.geo;

import java.util.List;

/**
 * A whole geography in memory: what the locator indexes, the demo generator produces and
 * imports change.
 */
record Geography(List<Division> divisions, List<Grid> grids, List<PoliceStation> stations, List<PoliceGrid> policeGrids,
		List<PoliceRoom> policeRooms) {
}
