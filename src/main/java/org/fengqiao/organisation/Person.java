package org.fengqiao.organisation;

import java.util.Set;

/**
 * A person who works in the county's governance: grid chief or worker, officer, auxiliary
 * officer, specialist, mediator, volunteer. ID and phone numbers are held sealed
 * (encrypted) with their masks; the plain values are never part of this record.
 */
record Person(long id, String name, String gender, String unitCode, String idNumberMasked, String phoneMasked,
		Set<Role> roles, Set<String> duties, String thirdParty) {

	enum Role {

		GRID_CHIEF, GRID_WORKER, OFFICER, AUXILIARY_OFFICER, SPECIALIST, MEDIATOR, THIRD_PARTY_MEDIATOR, VOLUNTEER

	}

	/** The eight duties of a community officer (八大员). */
	static final Set<String> OFFICER_DUTIES = Set.of("SECURITY_ORGANISER", "INFORMATION_COLLECTOR", "DISPUTE_MEDIATOR",
			"LAW_PUBLICIST", "TRAFFIC_ASSISTANT", "FIRE_INSPECTION_ASSISTANT", "LIAISON", "RESIDENT_SERVICE");

}
