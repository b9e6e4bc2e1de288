package org.fengqiao.organisation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The compliance report as a table and on the map, for the caller's area. */
@Controller
class CompliancePage {

	private final ComplianceReport compliance;

	private final DataScopes scopes;

	CompliancePage(ComplianceReport compliance, DataScopes scopes) {
		this.compliance = compliance;
		this.scopes = scopes;
	}

	@GetMapping("/organisation/compliance")
	String show(Model model) {
		ComplianceReport.Report report = compliance.check(scopes.current());
		model.addAttribute("report", report);
		// Grid codes are digits only, so the JSON array needs no escaping inside the
		// script block.
		model.addAttribute("breachCodes",
				report.grids()
					.stream()
					.map(ComplianceReport.GridBreach::gridCode)
					.distinct()
					.filter(code -> code.matches("\\d+"))
					.map(code -> "\"" + code + "\"")
					.collect(java.util.stream.Collectors.joining(",", "[", "]")));
		return "organisation/compliance";
	}

}
