package org.fengqiao.statistics;

import java.util.Set;

import org.fengqiao.organisation.DataScope;

/**
 * An area the figures are sliced by: the county, a township, a village or community, a
 * grid (each covering the codes that start with its code), a police station or a police
 * grid (covering its police grids).
 *
 * @param prefix the division or grid code prefix covered; null for a station or police
 * grid
 * @param policeGrids the police grids covered; empty for a division or grid
 */
public record Area(String code, String name, Kind kind, String prefix, Set<String> policeGrids) {

	/** The kinds of area, from the county down, and the police's. */
	public enum Kind {

		COUNTY, TOWNSHIP, VILLAGE, GRID, STATION, POLICE_GRID;

		/** The word of the API ({@code police-grid}). */
		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/** Whether the area is a division or grid (else police). */
	public boolean byCode() {
		return prefix != null;
	}

	/**
	 * Whether everything in the area is in the scope: a division or grid inside one of
	 * the scope's areas, or police grids all in the scope.
	 */
	boolean within(DataScope scope) {
		if (scope.all()) {
			return true;
		}
		if (byCode()) {
			return scope.covers(prefix) && !prefix.isEmpty();
		}
		return !policeGrids.isEmpty() && policeGrids.stream().allMatch(scope::coversPoliceGrid);
	}

}
