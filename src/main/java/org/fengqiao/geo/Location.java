package org.fengqiao.geo;

/**
 * Where a point lies: the full chain from county to micro-grid, the police grid and
 * station, and the nearest police room. Parts the point has no area for (a micro-grid
 * where none is drawn) are null.
 */
public record Location(double lon, double lat, Area county, Area township, Area village, GridRef grid,
		GridRef microGrid, Area policeGrid, Area policeStation, NearestPoliceRoom policeRoom) {

	/** A division, police grid or police station. */
	public record Area(String code, String name) {
	}

	/** A grid with its level (4 basic grid, 5 micro-grid). */
	public record GridRef(String code, String name, int level) {
	}

	/** The nearest police room or workstation, straight-line distance in metres. */
	public record NearestPoliceRoom(String code, String name, String kind, double lon, double lat,
			long distanceMetres) {
	}
}
