package org.fengqiao.geo;

/**
 * A police post: an urban or rural police room (警务室), a 24-hour workstation (警务工作站) or a
 * campus police room (校园警务室).
 */
record PoliceRoom(String code, String name, Kind kind, boolean urban, String stationCode, String policeGridCode,
		double lon, double lat) {

	enum Kind {

		POLICE_ROOM, WORKSTATION, CAMPUS_POLICE_ROOM

	}
}
