package org.fengqiao.statistics;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The command centre's big screen (大屏), 1920×1080 and dark: the county map with the open
 * whistles' lamps, today's figures, the township ranking (红黑榜), grade and category split,
 * the month trend against last year, the dispute ladder's shares and the overdue alarms,
 * refreshed when a whistle changes (server-sent events). It shows the caller's top area:
 * the county for the command centre, a township or station for their chiefs.
 */
@Controller
class BigScreenPage {

	private final Clock clock;

	BigScreenPage(Clock clock) {
		this.clock = clock;
	}

	@GetMapping("/bigscreen")
	String show(Model model) {
		model.addAttribute("today", LocalDate.now(clock).toString());
		return "statistics/bigscreen";
	}

}
