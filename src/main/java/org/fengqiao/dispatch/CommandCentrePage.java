package org.fengqiao.dispatch;

import org.fengqiao.geo.GridDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The command centre's desktop view: live map of open whistles by lamp, overdue list,
 * supervision.
 */
@Controller
class CommandCentrePage {

	private final GridDirectory directory;

	private final Catalogue catalogue;

	CommandCentrePage(GridDirectory directory, Catalogue catalogue) {
		this.directory = directory;
		this.catalogue = catalogue;
	}

	@GetMapping("/command")
	String show(Model model) {
		model.addAttribute("townships",
				directory.divisions().stream().filter(d -> d.level().equals("TOWNSHIP")).toList());
		model.addAttribute("categories", catalogue.categories());
		return "dispatch/command";
	}

}
