package org.fengqiao.mediation;

import java.time.Instant;

/**
 * A bulk load of past disputes finished ({@link CaseHistoryImport#load}): figures kept
 * from the disputes (statistics' roll-ups) are rebuilt, since the rows came in without an
 * event each.
 *
 * @param count the disputes stored by the load
 * @param at when the load finished
 */
public record DisputeHistoryImported(int count, Instant at) {
}
