package org.fengqiao.geo;

import java.io.IOException;
import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The county map and the grid import page. */
@Controller
class MapPage {

	private final GridImport gridImport;

	private final GeoApi api;

	MapPage(GridImport gridImport, GeoApi api) {
		this.gridImport = gridImport;
		this.api = api;
	}

	@GetMapping("/map")
	String map() {
		return "geo/map";
	}

	@GetMapping("/geo/imports")
	String imports(Model model) {
		model.addAttribute("imports", gridImport.recent(20));
		return "geo/imports";
	}

	/** The upload form posts here through htmx and gets the report back as a fragment. */
	@PostMapping("/geo/imports")
	String upload(@RequestParam MultipartFile file, @RequestParam(defaultValue = "false") boolean force, Principal user,
			Model model) throws IOException {
		GridImport.Report report;
		try {
			report = api.run(file.getOriginalFilename(), file.getInputStream(), force, user);
		}
		catch (org.springframework.web.ErrorResponseException e) {
			model.addAttribute("failure", e.getBody().getDetail());
			return "geo/imports :: report";
		}
		catch (org.fengqiao.platform.DomainException e) {
			model.addAttribute("failure", e.getMessage());
			return "geo/imports :: report";
		}
		model.addAttribute("report", report);
		return "geo/imports :: report";
	}

}
