package org.fengqiao.organisation;

/** An organisational unit in a tree, serving an area (a division or grid code). */
record Unit(String code, String name, Kind kind, String parentCode, String areaCode, String stationCode) {

	enum Kind {

		COUNTY_OFFICE, POLICE_BUREAU, POLICE_STATION, TOWNSHIP_GOVERNMENT, VILLAGE_COMMITTEE, DEPARTMENT, COUNTY_CENTRE,
		TOWN_COMMITTEE, VILLAGE_CENTRE, GROUP_TEAM, SECURITY_COMMITTEE, VOLUNTEER_POLICE_TEAM, RED_ARMBAND_TEAM

	}
}
