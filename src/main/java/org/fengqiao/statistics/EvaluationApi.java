package org.fengqiao.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fengqiao.organisation.DataScopes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evaluation (考核): weighted scores and grades of the townships, police stations or people
 * within the caller's data scope, each explained indicator by indicator.
 */
@RestController
@Tag(name = "evaluation", description = "Statistics: weighted scores and grades A-D (考核)")
class EvaluationApi {

	private final Evaluations evaluations;

	private final DataScopes scopes;

	EvaluationApi(Evaluations evaluations, DataScopes scopes) {
		this.evaluations = evaluations;
		this.scopes = scopes;
	}

	@GetMapping("/api/v1/evaluation")
	@Operation(summary = "Scores and grades of townships, stations or people (grid chiefs and workers) for a period")
	Evaluations.Result evaluation(@Parameter(
			description = "2025, 2025-Q3, 2025-07, 2025-W27, 2025-07-15 or 2025-01..2025-11; the year to date when absent",
			example = "2025-01..2025-11") @RequestParam(required = false) String period,
			@Parameter(description = "township (default), station or person") @RequestParam(
					required = false) String of) {
		return evaluations.evaluate(period, of, scopes.current());
	}

}
