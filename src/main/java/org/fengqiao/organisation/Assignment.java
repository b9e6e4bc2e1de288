package org.fengqiao.organisation;

import java.time.LocalDate;

/**
 * A person's responsibility for an area over a period: grid chief or grid worker of a
 * grid, officer of a police grid, staff of a police room, secondment to a village
 * committee, six-matrix specialist of a level-3 grid, or mediator of a mediation body.
 * {@code validTo} is exclusive and null while the assignment runs; rotation ends one
 * assignment and starts another, so the past stays answerable.
 */
record Assignment(Long id, long personId, Kind kind, String gridCode, String policeGridCode, String policeRoomCode,
		String unitCode, String specialty, Boolean fullTime, LocalDate validFrom, LocalDate validTo) {

	enum Kind {

		GRID_CHIEF, GRID_WORKER, POLICE_GRID_OFFICER, POLICE_ROOM_STAFF, SECONDMENT, SPECIALIST, MEDIATOR

	}

	/** The six specialists of the six-sided matrix (六员) at the third grid level. */
	enum Specialty {

		GOVERNANCE_SERVICE, PUBLIC_SECURITY, HEALTH, URBAN_ENFORCEMENT, MARKET_SUPERVISION, DISPUTE_MEDIATION

	}

	boolean isActiveOn(LocalDate date) {
		return !validFrom.isAfter(date) && (validTo == null || validTo.isAfter(date));
	}

	/**
	 * Ends the assignment on a date (exclusive), for rotation; an assignment cannot end
	 * before it starts.
	 */
	Assignment endOn(LocalDate date) {
		if (!date.isAfter(validFrom)) {
			throw new IllegalArgumentException("An assignment cannot end on or before its start " + validFrom);
		}
		if (validTo != null) {
			throw new IllegalStateException("The assignment already ended on " + validTo);
		}
		return new Assignment(id, personId, kind, gridCode, policeGridCode, policeRoomCode, unitCode, specialty,
				fullTime, validFrom, date);
	}
}
