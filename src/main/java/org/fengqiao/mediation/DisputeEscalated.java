package org.fengqiao.mediation;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute climbed the ladder to a higher rung (failure, time limit or risk colour);
 * {@code bodyCode} mediates it now.
 */
public record DisputeEscalated(UUID disputeId, String rung, String bodyCode, Instant at) {
}
