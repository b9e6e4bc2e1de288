package org.fengqiao.statistics;

import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The evaluation page (考核): pick the period and what is scored; every score opens to the
 * indicators, values, weights and contributions it is made of. A period or subject that
 * is not understood shows the error above the form.
 */
@Controller
class EvaluationPage {

	/** Most people listed on the page (the API lists all). */
	static final int MAX_ROWS = 300;

	private final Evaluations evaluations;

	private final DataScopes scopes;

	EvaluationPage(Evaluations evaluations, DataScopes scopes) {
		this.evaluations = evaluations;
		this.scopes = scopes;
	}

	@GetMapping("/evaluation")
	String show(@RequestParam(required = false) String period, @RequestParam(required = false) String of, Model model) {
		String p = period == null || period.isBlank() ? evaluations.yearToDate() : period.strip();
		String o = of == null || of.isBlank() ? "township" : of.strip();
		model.addAttribute("period", p);
		model.addAttribute("of", o);
		model.addAttribute("maxRows", MAX_ROWS);
		try {
			model.addAttribute("result", evaluations.evaluate(p, o, scopes.current()));
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
		}
		return "statistics/evaluation";
	}

}
