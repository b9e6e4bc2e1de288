package org.fengqiao.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * An administrative division identified by its statistical code: county (6 digits),
 * township (9: a subdistrict 001-099, a town 100-199, a township 200-399) or
 * village/community committee (12: a community 001-199, a village 200-399).
 */
record Division(String code, String name, Level level, String kind, String parentCode, Geometry boundary) {

	enum Level {

		COUNTY, TOWNSHIP, VILLAGE, GROUP

	}

	static String kindOf(String code) {
		int tail;
		switch (code.length()) {
			case 6:
				return "COUNTY";
			case 9:
				tail = Integer.parseInt(code.substring(6));
				return tail < 100 ? "SUBDISTRICT" : tail < 200 ? "TOWN" : "TOWNSHIP";
			case 12:
				tail = Integer.parseInt(code.substring(9));
				return tail < 200 ? "COMMUNITY" : "VILLAGE";
			default:
				return "GROUP";
		}
	}

	static Level levelOf(String code) {
		return switch (code.length()) {
			case 6 -> Level.COUNTY;
			case 9 -> Level.TOWNSHIP;
			case 12 -> Level.VILLAGE;
			default -> Level.GROUP;
		};
	}
}
