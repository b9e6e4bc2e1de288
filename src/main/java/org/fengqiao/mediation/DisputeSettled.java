package org.fengqiao.mediation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dispute was settled: a follow-up visit found its agreement performed. It now counts
 * as a successful mediation (for the figures, and for the piece-rate rewards of the
 * mediators who settled it).
 */
public record DisputeSettled(UUID disputeId, String type, String rung, String villageCode, List<Long> mediatorPersonIds,
		boolean civilToCriminalRisk, int peopleCount, Instant at) {
}
