package org.fengqiao.dispatch;

import java.time.Instant;
import java.util.UUID;

/**
 * A whistle missed a clock and climbed to a higher level of the grid chain, whose chief
 * is now summoned.
 */
public record WhistleEscalated(UUID whistleId, int toLevel, String gridCode, Instant at) {
}
