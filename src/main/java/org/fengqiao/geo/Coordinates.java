package org.fengqiao.geo;

/**
 * The one rule for a point given from outside, used by every endpoint that takes lon/lat
 * (locate, whistle reports, dispute registration and applications) and by the locator
 * itself: both present, finite (no NaN, no Infinity), longitude in [-180, 180] and
 * latitude in [-90, 90], in WGS 84 degrees. Whether the point lies in the county is a
 * separate question ({@link GridLocator#locate}).
 */
public final class Coordinates {

	/** What callers show when a point breaks the rule. */
	public static final String RULE = "lon and lat must both be given, finite, lon in [-180, 180] and lat in [-90, 90]";

	private Coordinates() {
	}

	/** Whether lon/lat form a valid point. */
	public static boolean valid(Double lon, Double lat) {
		return lon != null && lat != null && Double.isFinite(lon) && Double.isFinite(lat) && lon >= -180 && lon <= 180
				&& lat >= -90 && lat <= 90;
	}

	/**
	 * @throws IllegalArgumentException when lon/lat do not form a valid point
	 */
	public static void check(Double lon, Double lat) {
		if (!valid(lon, lat)) {
			throw new IllegalArgumentException("Bad coordinates: " + RULE);
		}
	}

}
