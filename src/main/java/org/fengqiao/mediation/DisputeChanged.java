package org.fengqiao.mediation;

import java.util.UUID;

/**
 * A dispute was registered or changed (any move, its agreement). Published inside the
 * change's transaction; the statistics module re-reads the dispute's {@link DisputeFacts}
 * in the same transaction, so the figures are current when the change commits.
 */
public record DisputeChanged(UUID disputeId) {
}
