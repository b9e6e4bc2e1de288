package org.fengqiao.mediation;

import java.util.Optional;

/**
 * The rungs of the mediation ladder, lowest first: villagers' group team (调解小组), village
 * mediation centre (调解中心), town people's mediation committee (调委会), and the county's
 * centre, which may refer a dispute out.
 */
public enum Rung {

	GROUP_TEAM, VILLAGE_CENTRE, TOWN_COMMITTEE, COUNTY;

	Optional<Rung> next() {
		return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
	}

	boolean isBelow(Rung other) {
		return ordinal() < other.ordinal();
	}

	static Rung higher(Rung a, Rung b) {
		return a.ordinal() >= b.ordinal() ? a : b;
	}

	/** Settled without leaving the village (小事不出村). */
	public boolean isInVillage() {
		return this == GROUP_TEAM || this == VILLAGE_CENTRE;
	}

	/** Settled without leaving the town (大事不出镇). */
	public boolean isInTown() {
		return this != COUNTY;
	}

}
