package org.fengqiao.organisation;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staffing compliance report's figures for an area (its data scope), for the
 * statistics module: how many stations meet the community-police share, how many grids
 * checked have no breach, how many officers fall short of community time. They describe
 * today, not a period.
 */
@Component
public class ComplianceFigures {

	/** Today's compliance figures. */
	public record Figures(int stations, int stationsMeetingShare, int gridsChecked, int gridsWithBreach,
			int officersShortOfCommunityTime) {
	}

	private final ComplianceReport report;

	ComplianceFigures(ComplianceReport report) {
		this.report = report;
	}

	/** The figures of the stations, grids and officers a scope covers. */
	@Transactional(readOnly = true)
	public Figures of(DataScope scope) {
		ComplianceReport.Report r = report.check(scope);
		int meeting = (int) r.stations().stream().filter(s -> !s.breach()).count();
		int gridsWithBreach = (int) r.grids().stream().map(ComplianceReport.GridBreach::gridCode).distinct().count();
		return new Figures(r.stations().size(), meeting, r.gridsChecked(), gridsWithBreach,
				r.officersShortOfCommunityTime().size());
	}

}
