package org.fengqiao.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * A grid: an area with named responsible people, on one of five levels (1 county, 2
 * township, 3 village/community, 4 basic grid, 5 micro-grid). Its 14-digit unit-grid code
 * is county 6 + township 3 + community 3 + sequence 2 (00 for the grid that is the whole
 * community); micro-grids add 2 more digits. Every grid of level 4 and 5 is fused into
 * exactly one police grid.
 */
record Grid(String code, String name, int level, String parentCode, String divisionCode, String type, int households,
		int population, String chiefName, String policeGridCode, Geometry boundary) {

	static final int COUNTY = 1, TOWNSHIP = 2, VILLAGE = 3, BASIC = 4, MICRO = 5;

	/**
	 * The grid code implied by a level and a division code: whole-division grids end in
	 * zeros.
	 */
	static String codeOfDivision(String divisionCode) {
		return (divisionCode + "00000000000000").substring(0, 14);
	}

	static int levelOfCode(String code) {
		if (code.length() > 14) {
			return MICRO;
		}
		if (code.endsWith("00000000")) {
			return COUNTY;
		}
		if (code.endsWith("00000")) {
			return TOWNSHIP;
		}
		return code.endsWith("00") ? VILLAGE : BASIC;
	}

	/**
	 * The code of the parent grid implied by a code (micro → basic → village → township →
	 * county).
	 */
	static String parentCodeOf(String code) {
		return switch (levelOfCode(code)) {
			case MICRO -> code.substring(0, 14);
			case BASIC -> code.substring(0, 12) + "00";
			case VILLAGE -> code.substring(0, 9) + "00000";
			case TOWNSHIP -> code.substring(0, 6) + "00000000";
			default -> null;
		};
	}

	/** The 12-digit village/community (or shorter division) code a grid belongs to. */
	static String divisionCodeOf(String code) {
		return switch (levelOfCode(code)) {
			case COUNTY -> code.substring(0, 6);
			case TOWNSHIP -> code.substring(0, 9);
			default -> code.substring(0, 12);
		};
	}
}
