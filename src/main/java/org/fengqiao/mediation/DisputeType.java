package org.fengqiao.mediation;

import java.util.Arrays;
import java.util.List;

/**
 * The dispute types the justice bureaus count by (names in the message bundles as
 * {@code dispute.type.*}), and the dispatch categories whose whistles become disputes of
 * each type.
 */
public enum DisputeType {

	MARRIAGE_FAMILY("DS-02"), NEIGHBOURS("DS-01"), HOUSING_HOMESTEAD(), CONTRACT("DS-11"), BUSINESS(), DAMAGES(),
	LAND_FOREST("DS-05"), LAND_ACQUISITION("DS-06"), ENVIRONMENT(), LABOUR("DS-04"), CONSUMER("DS-07"),
	MEDICAL("DS-10"), TRAFFIC_ACCIDENT("DS-08"), PROPERTY_MANAGEMENT("DS-03"), VILLAGE_AFFAIRS("DS-09"), OTHER();

	private final List<String> whistleCategories;

	DisputeType(String... whistleCategories) {
		this.whistleCategories = List.of(whistleCategories);
	}

	/** The type of a dispute that came from a whistle of this dispatch category. */
	static DisputeType ofWhistleCategory(String categoryCode) {
		return Arrays.stream(values())
			.filter(t -> t.whistleCategories.contains(categoryCode))
			.findFirst()
			.orElse(OTHER);
	}

	static boolean isKnown(String name) {
		return name != null && Arrays.stream(values()).anyMatch(t -> t.name().equals(name));
	}

}
