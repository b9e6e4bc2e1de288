package org.fengqiao.organisation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The area an account may see and act on: code prefixes of divisions and grids (a
 * township's 9-digit code covers all its villages and grids, a grid's 14-digit code its
 * micro-grids) and the police grids of its officers. Applied inside the queries, so
 * lists, counts, exports and lookups by id all agree.
 */
public record DataScope(List<String> areaPrefixes, Set<String> policeGrids, boolean all) {

	public static final DataScope NOTHING = new DataScope(List.of(), Set.of(), false);

	public static DataScope county() {
		return new DataScope(List.of(""), Set.of(), true);
	}

	/** True when the scope covers a division or grid code. */
	public boolean covers(String areaCode) {
		return all || (areaCode != null && areaPrefixes.stream().anyMatch(areaCode::startsWith));
	}

	public boolean coversPoliceGrid(String policeGridCode) {
		return all || policeGrids.contains(policeGridCode);
	}

	/** SQL patterns for {@code like any(...)}: each area prefix followed by {@code %}. */
	public String[] patterns() {
		return areaPrefixes.stream().map(p -> p + "%").toArray(String[]::new);
	}

	/**
	 * A condition on a person table alias: the person's unit serves an area in scope, or
	 * one of their running assignments is in scope.
	 */
	String personFilter(String alias) {
		if (all) {
			return "true";
		}
		return """
				(exists (select 1 from unit u where u.code = %1$s.unit_code and u.area_code like any(:scopeAreas))
				 or exists (select 1 from assignment a where a.person_id = %1$s.id and a.valid_from <= :today and (a.valid_to is null or a.valid_to > :today)
				            and (a.grid_code like any(:scopeAreas) or a.police_grid_code = any(:scopePoliceGrids))))"""
			.formatted(alias);
	}

	Map<String, Object> parameters() {
		return Map.of("scopeAreas", patterns(), "scopePoliceGrids", policeGrids.toArray(String[]::new));
	}
}
