package org.fengqiao.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A whistle left dispatch for another line, one of the closed list
 * {@link TransferTarget}: {@code MEDIATION} (the mediation module opens a dispute from
 * it, once per whistle), {@code POLICE}, {@code DEPARTMENT_12345} or {@code OTHER_COUNTY}
 * (kept as a hand-off in dispatch until their module consumes them). Delivered through
 * the event publication registry, so a consumer that fails gets it again.
 */
public record WhistleTransferred(UUID whistleId, TransferTarget target, String categoryCode, String description,
		double lon, double lat, String villageCode, String gridCode, Instant at) {
}
