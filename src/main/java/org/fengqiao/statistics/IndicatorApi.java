package org.fengqiao.statistics;

import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fengqiao.organisation.DataScopes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The indicators: their definitions, their values for an area and period (with the same
 * period a year earlier and the preceding one), and breakdowns; every number within the
 * caller's data scope.
 */
@RestController
@Tag(name = "indicators", description = "Statistics: indicator definitions, values and breakdowns")
class IndicatorApi {

	private final Indicators indicators;

	private final DataScopes scopes;

	IndicatorApi(Indicators indicators, DataScopes scopes) {
		this.indicators = indicators;
		this.scopes = scopes;
	}

	@GetMapping("/api/v1/indicators")
	@Operation(summary = "Every indicator's definition")
	List<Indicator> definitions() {
		return indicators.definitions();
	}

	@GetMapping("/api/v1/indicators/values")
	@Operation(summary = "Indicator values of an area and period, with year-on-year and period-on-period")
	Indicators.Values values(
			@Parameter(description = "a division, grid, police station or police grid code; the county when absent",
					example = "610824") @RequestParam(required = false) String area,
			@Parameter(description = "2025, 2025-Q3, 2025-07, 2025-W27, 2025-07-15 or 2025-01..2025-11",
					example = "2025") @RequestParam String period,
			@Parameter(description = "comma-separated indicator codes; all when absent") @RequestParam(
					required = false) String codes) {
		return indicators.values(area, period, split(codes), scopes.current());
	}

	@GetMapping("/api/v1/indicators/breakdown")
	@Operation(summary = "One indicator broken down by area, category, grade, type, source or month")
	Indicators.Breakdown breakdown(@RequestParam String code, @RequestParam(required = false) String area,
			@RequestParam String period, @Parameter(
					description = "township|village|grid|station|police-grid|category|grade|type|source|month") @RequestParam String by) {
		return indicators.breakdown(code, area, period, by, scopes.current());
	}

	static List<String> split(String codes) {
		return codes == null || codes.isBlank() ? List.of() : Arrays.stream(codes.split(",")).toList();
	}

}
