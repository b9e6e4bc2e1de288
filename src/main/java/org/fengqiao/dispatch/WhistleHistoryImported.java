package org.fengqiao.dispatch;

import java.time.Instant;

/**
 * A bulk load of past whistles finished ({@link WhistleHistoryImport#loadAll}): figures
 * kept from the whistles (statistics' roll-ups) are rebuilt, since the rows came in
 * without a {@code WhistleChanged} each.
 *
 * @param count the whistles stored by the load
 * @param at when the load finished
 */
public record WhistleHistoryImported(int count, Instant at) {
}
