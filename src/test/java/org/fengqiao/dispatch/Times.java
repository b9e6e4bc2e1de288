package org.fengqiao.dispatch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test helper: local Beijing time to instant. */
final class Times {

	static final ZoneId SH = ZoneId.of("Asia/Shanghai");

	private Times() {
	}

	/** "2025-03-03T10:00" in Asia/Shanghai. */
	static Instant bj(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SH).toInstant();
	}

}
