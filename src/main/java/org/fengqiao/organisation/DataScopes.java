package org.fengqiao.organisation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.platform.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Works out an account's data scope from its roles and its person's running assignments:
 * the command centre and the system administrator see the county; a station chief the
 * grids of the station's police grids; township staff their township; a grid worker their
 * grids; an officer the grids of their police grids; a mediator their mediation body's
 * area. Accounts without a person or a matching role see nothing.
 */
@Component
public class DataScopes {

	private final JdbcClient jdbc;

	private final GridDirectory directory;

	private final java.time.Clock clock;

	private final PersonAccounts accounts;

	DataScopes(JdbcClient jdbc, GridDirectory directory, java.time.Clock clock, PersonAccounts accounts) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.directory = directory;
		this.clock = clock;
	}

	/** The person the signed-in account belongs to, if any. */
	public java.util.Optional<Long> currentPerson() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return java.util.Optional.empty();
		}
		return accounts.personOf(authentication.getName());
	}

	public DataScope current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	public DataScope of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return DataScope.NOTHING;
		}
		Set<String> roles = new HashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			roles.add(authority.getAuthority().replaceFirst("^ROLE_", ""));
		}
		if (roles.contains(Roles.COMMAND) || roles.contains(Roles.ADMIN)) {
			return DataScope.county();
		}
		Long personId = accounts.personOf(authentication.getName()).orElse(null);
		if (personId == null) {
			return DataScope.NOTHING;
		}
		java.time.LocalDate today = java.time.LocalDate.now(clock);
		List<String> areas = new ArrayList<>();
		Set<String> policeGrids = new HashSet<>();
		String unitArea = jdbc
			.sql("select u.area_code from person p join unit u on u.code = p.unit_code where p.id = ?")
			.param(personId)
			.query(String.class)
			.optional()
			.orElse(null);
		String unitStation = jdbc
			.sql("select u.station_code from person p join unit u on u.code = p.unit_code where p.id = ?")
			.param(personId)
			.query((rs, n) -> rs.getString(1))
			.optional()
			.orElse(null);
		if (roles.contains(Roles.TOWNSHIP) && unitArea != null) {
			areas.add(unitArea);
		}
		if (roles.contains(Roles.MEDIATOR)) {
			// The areas of the mediation bodies they serve (a third-party mediator
			// belongs to the justice bureau but
			// mediates for one town's committee: the town, not the county).
			areas.addAll(jdbc
				.sql("""
						select u.area_code from assignment a join unit u on u.code = a.unit_code
						where a.person_id = ? and a.kind = 'MEDIATOR' and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)""")
				.params(personId, today, today)
				.query(String.class)
				.list());
		}
		if (roles.contains(Roles.STATION) && unitStation != null) {
			directory.policeGrids()
				.stream()
				.filter(p -> p.stationCode().equals(unitStation))
				.forEach(p -> policeGrids.add(p.code()));
		}
		if (roles.contains(Roles.GRID_WORKER)) {
			areas.addAll(jdbc.sql("""
					select grid_code from assignment where person_id = ? and kind in ('GRID_WORKER', 'GRID_CHIEF')
					  and valid_from <= ? and (valid_to is null or valid_to > ?)""")
				.params(personId, today, today)
				.query(String.class)
				.list());
		}
		if (roles.contains(Roles.OFFICER)) {
			policeGrids.addAll(jdbc.sql("""
					select police_grid_code from assignment where person_id = ? and kind = 'POLICE_GRID_OFFICER'
					  and valid_from <= ? and (valid_to is null or valid_to > ?)""")
				.params(personId, today, today)
				.query(String.class)
				.list());
		}
		if (!policeGrids.isEmpty()) {
			// The grids fused into those police grids are in scope too.
			directory.grids(4)
				.stream()
				.filter(g -> policeGrids.contains(g.policeGridCode()))
				.forEach(g -> areas.add(g.code()));
		}
		return new DataScope(List.copyOf(areas), Set.copyOf(policeGrids), false);
	}

}
