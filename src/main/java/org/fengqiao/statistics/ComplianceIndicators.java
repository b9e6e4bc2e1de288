package org.fengqiao.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.organisation.ComplianceFigures;
import org.fengqiao.organisation.DataScope;
import org.springframework.stereotype.Component;

/**
 * The organisation's staffing compliance as indicators (community police ≥ 40 % of a
 * station's force, a grid worker and an officer for every grid, six specialists where the
 * matrix is deployed, ≥ 80 % community time). They describe today: no earlier values.
 */
@Component
class ComplianceIndicators implements IndicatorSource {

	static final List<Indicator> DEFINITIONS = List.of(
			new Indicator("organisation.stations-meeting-community-share", "社区警力占比达标派出所比例",
					"Stations meeting the community-police share", Indicator.Unit.SHARE, Indicator.Form.RATIO, true,
					"stations whose community police are at least the minimum share of their force",
					"stations in the area", "today's assignments", List.of(), true),
			new Indicator("organisation.grids-fully-staffed-share", "网格配备达标率", "Grids fully staffed",
					Indicator.Unit.SHARE, Indicator.Form.RATIO, true,
					"grids checked with no breach (grid worker, officer, six specialists where required)",
					"grids checked in the area", "today's assignments", List.of(), true),
			new Indicator("organisation.officers-short-of-community-time", "社区工作时间不足的民警",
					"Officers short of community time", Indicator.Unit.PERSONS, Indicator.Form.COUNT, false,
					"community officers under the minimum share of community work in their rosters", "",
					"the last 28 days of rosters", List.of(), true));

	private final ComplianceFigures figures;

	ComplianceIndicators(ComplianceFigures figures) {
		this.figures = figures;
	}

	@Override
	public List<Indicator> indicators() {
		return DEFINITIONS;
	}

	@Override
	public Map<String, Measure> measure(Slice slice, Set<String> codes) {
		Area a = slice.area();
		DataScope scope = a.kind() == Area.Kind.COUNTY ? DataScope.county()
				: a.byCode() ? new DataScope(List.of(a.prefix()), Set.of(), false)
						: new DataScope(List.of(), a.policeGrids(), false);
		ComplianceFigures.Figures f = figures.of(scope);
		Map<String, Measure> measures = new LinkedHashMap<>();
		for (String code : codes) {
			measures.put(code, switch (code) {
				case "organisation.stations-meeting-community-share" ->
					Measure.of(Indicator.Form.RATIO, f.stationsMeetingShare(), f.stations());
				case "organisation.grids-fully-staffed-share" ->
					Measure.of(Indicator.Form.RATIO, f.gridsChecked() - f.gridsWithBreach(), f.gridsChecked());
				case "organisation.officers-short-of-community-time" ->
					Measure.of(Indicator.Form.COUNT, f.officersShortOfCommunityTime(), 0);
				default -> throw new IllegalArgumentException(code);
			});
		}
		return measures;
	}

	@Override
	public Map<String, Measure> breakdown(Slice slice, String code, By by) {
		throw new IllegalArgumentException("compliance indicators have no breakdowns");
	}

}
