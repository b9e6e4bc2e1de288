package org.fengqiao.dispatch;

import java.util.UUID;

/** Something about a whistle changed (any transition); live views refresh it. */
record WhistleChanged(UUID whistleId, String action) {
}
