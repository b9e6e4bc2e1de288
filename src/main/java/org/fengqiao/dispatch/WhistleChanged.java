package org.fengqiao.dispatch;

import java.util.UUID;

/**
 * Something about a whistle changed (any transition); live views refresh it. The
 * whistle's grid and police grid travel with it, so each live subscriber hears only the
 * changes in its data scope.
 */
public record WhistleChanged(UUID whistleId, String action, String gridCode, String policeGridCode) {
}
