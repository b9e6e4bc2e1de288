package org.fengqiao.statistics;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.organisation.DataScope;
import org.fengqiao.organisation.DataScopes;
import org.fengqiao.platform.DomainException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The monthly brief's page: pick an area of one's scope and a month, read the paragraph
 * and the tables, download them as Excel or PDF, or (for an area with townships) have
 * every township's brief made in the background with its progress shown.
 */
@Controller
class BriefPage {

	/** An area the caller may pick. */
	record Choice(String code, String name) {
	}

	private final MonthlyBriefs briefs;

	private final DataScopes scopes;

	private final GridDirectory directory;

	private final Areas areas;

	private final Clock clock;

	BriefPage(MonthlyBriefs briefs, DataScopes scopes, GridDirectory directory, Areas areas, Clock clock) {
		this.briefs = briefs;
		this.scopes = scopes;
		this.directory = directory;
		this.areas = areas;
		this.clock = clock;
	}

	@GetMapping("/statistics/brief")
	String show(@RequestParam(required = false) String area, @RequestParam(required = false) String month,
			Model model) {
		DataScope scope = scopes.current();
		List<Choice> choices = choices(scope);
		String a = area == null || area.isBlank() ? (choices.isEmpty() ? "" : choices.get(0).code()) : area.strip();
		String m = month == null || month.isBlank() ? YearMonth.now(clock).toString() : month.strip();
		model.addAttribute("choices", choices);
		model.addAttribute("area", a);
		model.addAttribute("month", m);
		model.addAttribute("latest", YearMonth.now(clock).toString());
		try {
			MonthlyBriefs.Brief brief = briefs.brief(a, m, scope);
			model.addAttribute("brief", brief);
			model.addAttribute("withTownships",
					directory.divisions()
						.stream()
						.anyMatch(d -> "TOWNSHIP".equals(d.level()) && d.code().startsWith(brief.areaCode())
								&& !d.code().equals(brief.areaCode()) && scope.covers(d.code())));
		}
		catch (DomainException e) {
			model.addAttribute("error", e.getMessage());
		}
		return "statistics/brief";
	}

	/**
	 * The county (for the whole county's scope), the townships and stations wholly in the
	 * scope, then the scope's own areas and police grids.
	 */
	private List<Choice> choices(DataScope scope) {
		Map<String, Choice> choices = new LinkedHashMap<>();
		if (scope.all()) {
			Area county = areas.county();
			choices.put(county.code(), new Choice(county.code(), county.name()));
		}
		directory.divisions()
			.stream()
			.filter(d -> "TOWNSHIP".equals(d.level()) && within(d.code(), scope))
			.forEach(d -> choices.put(d.code(), new Choice(d.code(), d.name())));
		directory.stations()
			.stream()
			.filter(s -> within(s.code(), scope))
			.forEach(s -> choices.put(s.code(), new Choice(s.code(), s.name())));
		if (!scope.all()) {
			List<String> own = new ArrayList<>(scope.areaPrefixes());
			own.addAll(scope.policeGrids().stream().sorted().toList());
			for (String code : own) {
				areas.find(code)
					.filter(x -> x.within(scope))
					.ifPresent(x -> choices.putIfAbsent(x.code(), new Choice(x.code(), x.name())));
			}
		}
		return List.copyOf(choices.values());
	}

	private boolean within(String code, DataScope scope) {
		return areas.find(code).map(x -> x.within(scope)).orElse(false);
	}

}
