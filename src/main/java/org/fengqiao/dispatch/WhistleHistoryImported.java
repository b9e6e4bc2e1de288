package org.fengqiao.dispatch;

import java.time.Instant;

/**
 * Whistles were loaded in bulk (a county's history, the demo's): listeners that keep
 * their own view of the whistles (the statistics' roll-ups) rebuild it.
 */
public record WhistleHistoryImported(int count, Instant at) {
}
