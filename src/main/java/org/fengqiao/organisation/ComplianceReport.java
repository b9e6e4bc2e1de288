package org.fengqiao.organisation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.geo.GridDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the county's staffing rules and reports every breach, for a data scope:
 * <ul>
 * <li>community police are at least 40% of each station's force;</li>
 * <li>every basic grid has a grid worker and an officer ("一村(格)一警": an officer or
 * auxiliary officer assigned to its police grid);</li>
 * <li>every level-3 grid where the six-sided matrix is deployed has its six
 * specialists;</li>
 * <li>community officers spend at least 80% of their rostered time on community work
 * (last 28 days).</li>
 * </ul>
 * Thresholds and the townships with the six-sided matrix are configuration.
 */
@Component
class ComplianceReport {

	record StationLine(String stationCode, String station, int force, int community, double share, boolean breach) {
	}

	record GridBreach(String gridCode, String grid, String rule) {
	}

	record OfficerLine(long personId, String name, String station, double rosteredHours, double communityHours,
			double share) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "ComplianceReport")
	record Report(LocalDate date, double minimumCommunityShare, double minimumCommunityTime, List<StationLine> stations,
			List<GridBreach> grids, List<OfficerLine> officersShortOfCommunityTime, int gridsChecked, int breaches) {
	}

	private final JdbcClient jdbc;

	private final GridDirectory directory;

	private final Clock clock;

	private final double minimumCommunityShare;

	private final double minimumCommunityTime;

	private final Set<String> matrixTownships;

	ComplianceReport(JdbcClient jdbc, GridDirectory directory, Clock clock,
			@Value("${fengqiao.organisation.compliance.community-police-share:0.40}") double minimumCommunityShare,
			@Value("${fengqiao.organisation.compliance.community-time-share:0.80}") double minimumCommunityTime,
			@Value("${fengqiao.organisation.six-matrix-townships:610824001}") Set<String> matrixTownships) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.clock = clock;
		this.minimumCommunityShare = minimumCommunityShare;
		this.minimumCommunityTime = minimumCommunityTime;
		this.matrixTownships = matrixTownships;
	}

	@Transactional(readOnly = true)
	Report check(DataScope scope) {
		LocalDate today = LocalDate.now(clock);
		Map<String, String> stationName = new HashMap<>();
		directory.stations().forEach(s -> stationName.put(s.code(), s.name()));
		Map<String, String> stationOfPoliceGrid = new HashMap<>();
		directory.policeGrids().forEach(p -> stationOfPoliceGrid.put(p.code(), p.stationCode()));

		// Stations: force and community share.
		List<StationLine> stations = new ArrayList<>();
		for (var s : directory.stations()) {
			boolean inScope = scope.all() || stationOfPoliceGrid.entrySet()
				.stream()
				.anyMatch(e -> e.getValue().equals(s.code()) && scope.coversPoliceGrid(e.getKey()));
			if (!inScope) {
				continue;
			}
			int force = jdbc.sql("""
					select count(*) from person p join person_role r on r.person_id = p.id and r.role = 'OFFICER'
					where p.unit_code = ?""").param("PS-" + s.code()).query(Integer.class).single();
			int community = jdbc
				.sql("""
						select count(distinct p.id) from person p join person_role r on r.person_id = p.id and r.role = 'OFFICER'
						join assignment a on a.person_id = p.id and a.kind = 'POLICE_GRID_OFFICER'
						  and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
						where p.unit_code = ?""")
				.params(today, today, "PS-" + s.code())
				.query(Integer.class)
				.single();
			double share = force == 0 ? 0 : (double) community / force;
			stations.add(
					new StationLine(s.code(), s.name(), force, community, round(share), share < minimumCommunityShare));
		}

		// Grids: a worker and an officer for every basic grid; six specialists for matrix
		// level-3 grids.
		Set<String> withWorker = new HashSet<>(jdbc
			.sql("""
					select grid_code from assignment where kind = 'GRID_WORKER' and valid_from <= ? and (valid_to is null or valid_to > ?)""")
			.params(today, today)
			.query(String.class)
			.list());
		Set<String> policeGridsWithOfficer = new HashSet<>(jdbc.sql("""
				select police_grid_code from assignment where kind = 'POLICE_GRID_OFFICER'
				  and valid_from <= ? and (valid_to is null or valid_to > ?)""")
			.params(today, today)
			.query(String.class)
			.list());
		List<GridBreach> grids = new ArrayList<>();
		int checked = 0;
		for (var g : directory.grids(4)) {
			if (!scope.covers(g.code())) {
				continue;
			}
			checked++;
			if (!withWorker.contains(g.code())) {
				grids.add(new GridBreach(g.code(), g.name(), "NO_GRID_WORKER"));
			}
			if (g.policeGridCode() == null || !policeGridsWithOfficer.contains(g.policeGridCode())) {
				grids.add(new GridBreach(g.code(), g.name(), "NO_OFFICER"));
			}
		}
		Map<String, Set<String>> specialties = new HashMap<>();
		jdbc.sql("""
				select grid_code, specialty from assignment where kind = 'SPECIALIST'
				  and valid_from <= ? and (valid_to is null or valid_to > ?)""")
			.params(today, today)
			.query((rs, n) -> specialties.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
			.list();
		for (var g : directory.grids(3)) {
			if (!scope.covers(g.code()) || !matrixTownships.contains(g.code().substring(0, 9))
					|| !specialties.containsKey(g.code())) {
				continue;
			}
			checked++;
			for (Assignment.Specialty specialty : EnumSet.allOf(Assignment.Specialty.class)) {
				if (!specialties.get(g.code()).contains(specialty.name())) {
					grids.add(new GridBreach(g.code(), g.name(), "NO_" + specialty.name()));
				}
			}
		}

		// Community working time from the rosters of the last 28 days.
		Instant now = clock.instant();
		Instant since = now.minus(Duration.ofDays(28));
		List<OfficerLine> officers = new ArrayList<>();
		jdbc.sql(
				"""
						select p.id, p.name, p.unit_code, min(s.police_grid_code) as police_grid,
						       sum(extract(epoch from (s.ends_at - s.starts_at))) / 3600 as hours,
						       sum(case when s.community then extract(epoch from (s.ends_at - s.starts_at)) else 0 end) / 3600 as community
						from duty_shift s join person p on p.id = s.person_id
						join person_role r on r.person_id = p.id and r.role = 'OFFICER'
						where s.starts_at >= ? and s.ends_at <= ?
						group by p.id, p.name, p.unit_code order by p.id""")
			.params(Timestamp.from(since), Timestamp.from(now))
			.query((rs, n) -> {
				double hours = rs.getDouble("hours");
				double community = rs.getDouble("community");
				String policeGrid = rs.getString("police_grid");
				if (hours > 0 && community / hours < minimumCommunityTime
						&& (scope.all() || scope.coversPoliceGrid(policeGrid))) {
					String station = rs.getString("unit_code").replaceFirst("^PS-", "");
					officers.add(new OfficerLine(rs.getLong("id"), rs.getString("name"), stationName.get(station),
							round(hours), round(community), round(community / hours)));
				}
				return null;
			})
			.list();
		int breaches = (int) stations.stream().filter(StationLine::breach).count() + grids.size() + officers.size();
		return new Report(today, minimumCommunityShare, minimumCommunityTime, stations, grids, officers, checked,
				breaches);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
