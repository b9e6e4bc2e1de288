package org.fengqiao.mediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.fengqiao.organisation.MediationBodies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ladder's rules on a plain object, with the mediation bodies of one small county.
 */
class LadderTests {

	static final String TOWN = "610824100";

	static final String OTHER_TOWN = "610824101";

	static final String VILLAGE = "610824100201";

	static final String NEIGHBOUR_VILLAGE = "610824100202";

	static final String OTHER_TOWNS_VILLAGE = "610824101201";

	static final String MICRO_GRID = "6108241002010001";

	/**
	 * Bodies by rung and area: a group team on one micro-grid, the village, the town, the
	 * county.
	 */
	static final Map<String, MediationBodies.Body> BODIES = Map.of("GROUP_TEAM:" + MICRO_GRID,
			new MediationBodies.Body("GT-1", "一组调解小组", "GROUP_TEAM", MICRO_GRID), "VILLAGE_CENTRE:" + VILLAGE,
			new MediationBodies.Body("VC-1", "村调解中心", "VILLAGE_CENTRE", VILLAGE), "TOWN_COMMITTEE:" + TOWN,
			new MediationBodies.Body("TC-1", "镇调委会", "TOWN_COMMITTEE", TOWN), "COUNTY:",
			new MediationBodies.Body("CO-1", "县矛调中心", "COUNTY", "610824"));

	static final Ladder.BodyLookup LOOKUP = (rung, area) -> Optional
		.ofNullable(BODIES.get(rung.name() + ":" + (area == null ? "" : area)));

	final Ladder ladder = new Ladder(null, Duration.ofDays(30), Rung.TOWN_COMMITTEE);

	static Ladder.Place at(String micro, String village, String town, String... partyVillages) {
		return new Ladder.Place(micro, village, town, List.of(partyVillages));
	}

	@Test
	void aDisputeStartsOnTheLowestRungItsPlaceHas() {
		Ladder.Placement onTheGrid = ladder.start(at(MICRO_GRID, VILLAGE, TOWN, VILLAGE, VILLAGE), RiskColour.YELLOW,
				LOOKUP);
		assertThat(onTheGrid.rung()).isEqualTo(Rung.GROUP_TEAM);
		assertThat(onTheGrid.bodyCode()).isEqualTo("GT-1");
		assertThat(onTheGrid.reason()).isEqualTo("本村（组）可调");
		Ladder.Placement noTeam = ladder.start(at("6108241002010002", VILLAGE, TOWN), RiskColour.BLUE, LOOKUP);
		assertThat(noTeam.rung()).isEqualTo(Rung.VILLAGE_CENTRE);
		assertThat(noTeam.bodyCode()).isEqualTo("VC-1");
		assertThat(ladder.start(at(null, null, TOWN), RiskColour.BLUE, LOOKUP).rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(ladder.start(at(null, null, null), RiskColour.BLUE, LOOKUP).rung()).isEqualTo(Rung.COUNTY);
	}

	@Test
	void redGoesToTheTownAtOnce() {
		Ladder.Placement red = ladder.start(at(MICRO_GRID, VILLAGE, TOWN, VILLAGE, VILLAGE), RiskColour.RED, LOOKUP);
		assertThat(red.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(red.bodyCode()).isEqualTo("TC-1");
		assertThat(red.reason()).contains("红色风险");
		Ladder county = new Ladder(null, Duration.ofDays(30), Rung.COUNTY);
		assertThat(county.start(at(MICRO_GRID, VILLAGE, TOWN), RiskColour.RED, LOOKUP).rung()).isEqualTo(Rung.COUNTY);
		assertThat(ladder.start(at(MICRO_GRID, VILLAGE, TOWN), RiskColour.ORANGE, LOOKUP).rung())
			.isEqualTo(Rung.GROUP_TEAM);
	}

	@Test
	void partiesFromDifferentVillagesGoToTheTownFromDifferentTownsToTheCounty() {
		Ladder.Placement villages = ladder.start(at(MICRO_GRID, VILLAGE, TOWN, VILLAGE, NEIGHBOUR_VILLAGE),
				RiskColour.BLUE, LOOKUP);
		assertThat(villages.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(villages.reason()).isEqualTo("当事人跨村");
		Ladder.Placement towns = ladder.start(at(MICRO_GRID, VILLAGE, TOWN, VILLAGE, OTHER_TOWNS_VILLAGE),
				RiskColour.BLUE, LOOKUP);
		assertThat(towns.rung()).isEqualTo(Rung.COUNTY);
		assertThat(towns.bodyCode()).isEqualTo("CO-1");
		assertThat(towns.reason()).isEqualTo("当事人跨乡镇");
		List<String> reasons = new ArrayList<>();
		assertThat(ladder.required(at(null, VILLAGE, TOWN, VILLAGE, "", VILLAGE), RiskColour.BLUE, reasons))
			.isEqualTo(Rung.GROUP_TEAM);
		assertThat(reasons).isEmpty();
	}

	@Test
	void climbingFindsTheNextRungWithABody() {
		assertThat(ladder.placeAt(Rung.VILLAGE_CENTRE, at(MICRO_GRID, VILLAGE, TOWN), "r", LOOKUP).bodyCode())
			.isEqualTo("VC-1");
		// The other town has no committee here: the dispute climbs on to the county.
		Ladder.Placement noCommittee = ladder.placeAt(Rung.TOWN_COMMITTEE, at(null, null, OTHER_TOWN), "r", LOOKUP);
		assertThat(noCommittee.rung()).isEqualTo(Rung.COUNTY);
		assertThat(noCommittee.bodyCode()).isEqualTo("CO-1");
		// A place without a village skips the village rung.
		assertThat(ladder.placeAt(Rung.VILLAGE_CENTRE, at(null, null, TOWN), "r", LOOKUP).rung())
			.isEqualTo(Rung.TOWN_COMMITTEE);
	}

	@Test
	void eachRungHasThirtyDays() {
		Instant start = Instant.parse("2026-03-02T01:00:00Z");
		assertThat(ladder.limit()).isEqualTo(Duration.ofDays(30));
		assertThat(ladder.dueFrom(start)).isEqualTo(Instant.parse("2026-04-01T01:00:00Z"));
		assertThat(new Ladder(null, Duration.ofDays(15), Rung.TOWN_COMMITTEE).dueFrom(start))
			.isEqualTo(start.plus(Duration.ofDays(15)));
	}

}
