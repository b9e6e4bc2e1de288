package org.fengqiao.statistics;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard (统计): pick an area and a period; indicator cards with year-on-year
 * arrows, the month trend against last year, a breakdown, a choropleth map that drills
 * down, and every table as Excel. Everything on it comes from the indicator API, so it
 * shows exactly what the caller's data scope allows.
 */
@Controller
class StatisticsPage {

	private final Clock clock;

	StatisticsPage(Clock clock) {
		this.clock = clock;
	}

	@GetMapping("/statistics")
	String show(Model model) {
		// Today comes from the server's clock, not the browser's: the periods offered
		// end today, and tests run on the suite's own calendar.
		model.addAttribute("today", LocalDate.now(clock).toString());
		return "statistics/dashboard";
	}

}
