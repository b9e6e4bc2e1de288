package org.fengqiao.dispatch;

import java.time.Instant;
import java.util.UUID;

/** A whistle order went out to a level of the grid chain. */
public record WhistleDispatched(UUID whistleId, String categoryCode, int grade, int level, String gridCode,
		String policeGridCode, Instant at) {
}
