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

}
