package org.fengqiao.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A whistle left dispatch for another line: {@code MEDIATION} (the mediation module opens a dispute from it,
 * once per whistle), {@code POLICE}, {@code 12345} or a department. Delivered through the event publication
 * registry, so a consumer that fails gets it again.
 */
public record WhistleTransferred(UUID whistleId, String target, String categoryCode, String description, double lon,
		double lat, String villageCode, String gridCode, Instant at) {
}
