package org.fengqiao.mediation;

import java.time.Instant;

/**
 * Disputes were loaded in bulk (a county's history, the demo's): listeners that keep
 * their own view of the disputes (the statistics' roll-ups) rebuild it.
 */
public record DisputeHistoryImported(int count, Instant at) {
}
