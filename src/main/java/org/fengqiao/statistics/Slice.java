package org.fengqiao.statistics;

import org.fengqiao.organisation.DataScope;

/**
 * An area and a period, seen through a data scope: a source counts the items in the area
 * and the period that the scope lets the caller see, nothing else.
 */
public record Slice(Area area, Period period, DataScope scope) {

	/** The same area and scope in another period. */
	public Slice in(Period other) {
		return new Slice(area, other, scope);
	}

	/**
	 * The SQL condition selecting a roll-up's rows in this slice: the period on a date
	 * column, the area on an area-code column (or the police grids), and the scope. A
	 * roll-up without a police grid column answers only scopes without police grids.
	 */
	String condition(String timeColumn, String areaColumn, boolean policeGridColumn, java.util.List<Object> params) {
		StringBuilder where = new StringBuilder(timeColumn + " >= ? and " + timeColumn + " < ?");
		params.add(java.sql.Date.valueOf(period.from()));
		params.add(java.sql.Date.valueOf(period.to()));
		if (area.byCode()) {
			where.append(" and ").append(areaColumn).append(" like ?");
			params.add(area.prefix() + "%");
		}
		else {
			where.append(" and police_grid_code = any(?)");
			params.add(area.policeGrids().toArray(String[]::new));
		}
		if (!scope.all() && !policeGridColumn) {
			where.append(" and ").append(areaColumn).append(" like any(?)");
			params.add(scope.patterns());
		}
		else if (!scope.all()) {
			where.append(" and (").append(areaColumn).append(" like any(?) or police_grid_code = any(?))");
			params.add(scope.patterns());
			params.add(scope.policeGrids().toArray(String[]::new));
		}
		return where.toString();
	}

}
