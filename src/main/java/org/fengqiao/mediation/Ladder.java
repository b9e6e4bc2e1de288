package org.fengqiao.mediation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.fengqiao.organisation.MediationBodies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ladder's rules: where a dispute starts and which body mediates it on each rung.
 *
 * <p>
 * A new dispute starts at the lowest rung its place has (the villagers' group team where
 * one serves the micro-grid, else the village mediation centre, else the town committee),
 * raised by its risk colour (red goes to the town at once; configurable by
 * {@code fengqiao.mediation.red-rung}) and by its parties: parties from different
 * villages of one town go to the town, from different towns to the county. Each rung has
 * a time limit ({@code fengqiao.mediation.rung-limit}, 30 days by default) after which
 * the dispute climbs.
 */
@Component
class Ladder {

	/** Where a dispute stands: its rung, the body there, and why it starts there. */
	record Placement(Rung rung, String bodyCode, String bodyName, String reason) {
	}

	/** The areas a dispute touches, from the most specific. */
	record Place(String microGridCode, String villageCode, String townshipCode, List<String> partyVillages) {
	}

	private final MediationBodies bodies;

	private final Duration limit;

	private final Rung redRung;

	Ladder(MediationBodies bodies, @Value("${fengqiao.mediation.rung-limit:30d}") Duration limit,
			@Value("${fengqiao.mediation.red-rung:TOWN_COMMITTEE}") Rung redRung) {
		this.bodies = bodies;
		this.limit = limit;
		this.redRung = redRung;
	}

	Duration limit() {
		return limit;
	}

	Instant dueFrom(Instant start) {
		return start.plus(limit);
	}

	/** Finds the body of a rung serving an area ({@code null} area for the county). */
	@FunctionalInterface
	interface BodyLookup {

		Optional<MediationBodies.Body> find(Rung rung, String area);

	}

	/** Looks bodies up in the database, one query each (registration, escalation). */
	private BodyLookup database() {
		return (rung, area) -> bodies.bodyFor(rung.name(), area);
	}

	/** Every body in memory, for placing many disputes at once (the demo's year). */
	BodyLookup inMemory() {
		Map<String, MediationBodies.Body> byRungAndArea = new HashMap<>();
		for (MediationBodies.Body b : bodies.bodies()) {
			byRungAndArea.putIfAbsent(b.rung() + ":" + (b.rung().equals(Rung.COUNTY.name()) ? "" : b.areaCode()), b);
		}
		return (rung, area) -> Optional.ofNullable(byRungAndArea.get(rung.name() + ":" + (area == null ? "" : area)));
	}

	/** The first rung of a new dispute. */
	Placement start(Place place, RiskColour colour) {
		return start(place, colour, database());
	}

	Placement start(Place place, RiskColour colour, BodyLookup lookup) {
		List<String> reasons = new ArrayList<>();
		Rung rung = lowest(place, lookup);
		Rung required = required(place, colour, reasons);
		if (rung.isBelow(required)) {
			rung = required;
		}
		else {
			reasons.add("本村（组）可调");
		}
		return placeAt(rung, place, String.join("；", reasons), lookup);
	}

	/**
	 * The rung the dispute must at least be on now (red colour, parties across villages
	 * or towns); the lowest rung when nothing requires more.
	 */
	Rung required(Place place, RiskColour colour, List<String> reasons) {
		Rung required = Rung.GROUP_TEAM;
		if (colour == RiskColour.RED && Rung.GROUP_TEAM.isBelow(redRung)) {
			required = redRung;
			reasons.add("红色风险，直接由" + (redRung == Rung.COUNTY ? "县级" : "镇级") + "调解");
		}
		List<String> villages = place.partyVillages()
			.stream()
			.filter(v -> v != null && !v.isBlank())
			.distinct()
			.toList();
		if (villages.size() > 1) {
			boolean differentTowns = villages.stream()
				.map(v -> v.substring(0, Math.min(9, v.length())))
				.distinct()
				.count() > 1;
			Rung span = differentTowns ? Rung.COUNTY : Rung.TOWN_COMMITTEE;
			reasons.add(differentTowns ? "当事人跨乡镇" : "当事人跨村");
			required = Rung.higher(required, span);
		}
		return required;
	}

	/**
	 * The body of a rung for a place; a rung without a body there falls to the next rung
	 * that has one.
	 */
	Placement placeAt(Rung rung, Place place, String reason) {
		return placeAt(rung, place, reason, database());
	}

	Placement placeAt(Rung rung, Place place, String reason, BodyLookup lookup) {
		for (Rung r = rung;; r = r.next().orElseThrow()) {
			String area = areaFor(r, place);
			Optional<MediationBodies.Body> body = r == Rung.COUNTY || area != null ? lookup.find(r, area)
					: Optional.empty();
			if (body.isPresent() || r == Rung.COUNTY) {
				return new Placement(r, body.map(MediationBodies.Body::code).orElse(null),
						body.map(MediationBodies.Body::name).orElse(null), reason);
			}
		}
	}

	private Rung lowest(Place place, BodyLookup lookup) {
		if (place.microGridCode() != null && lookup.find(Rung.GROUP_TEAM, place.microGridCode()).isPresent()) {
			return Rung.GROUP_TEAM;
		}
		if (place.villageCode() != null) {
			return Rung.VILLAGE_CENTRE;
		}
		if (place.townshipCode() != null) {
			return Rung.TOWN_COMMITTEE;
		}
		return Rung.COUNTY;
	}

	private static String areaFor(Rung rung, Place place) {
		return switch (rung) {
			case GROUP_TEAM -> place.microGridCode();
			case VILLAGE_CENTRE -> place.villageCode();
			case TOWN_COMMITTEE -> place.townshipCode();
			case COUNTY -> null;
		};
	}

}
