package org.fengqiao.statistics;

import java.util.List;

/**
 * The response-time histogram's buckets (1-based, as PostgreSQL's arrays): each minute up
 * to two hours, then half hours up to a day, then days up to a month. A percentile is the
 * lower bound of the bucket holding it, so it is exact to the minute within two hours.
 */
final class Buckets {

	private Buckets() {
	}

	/** The bucket of a response of {@code minutes}. */
	static int of(long minutes) {
		long m = Math.max(0, minutes);
		if (m < 120) {
			return (int) m + 1;
		}
		if (m < 1440) {
			return 121 + (int) ((m - 120) / 30);
		}
		return 165 + (int) Math.min((m - 1440) / 1440, 29);
	}

	/** The least minutes a bucket holds. */
	static long lowerBound(int bucket) {
		if (bucket <= 120) {
			return bucket - 1L;
		}
		if (bucket <= 164) {
			return 120 + (bucket - 121L) * 30;
		}
		return 1440 + (bucket - 165L) * 1440;
	}

	/**
	 * The {@code p}-th percentile (nearest rank: the least value with at least p of the
	 * items at or below it) of a histogram, or null when it is empty.
	 */
	static Long percentile(List<Integer> histogram, double p) {
		long n = histogram.stream().mapToLong(Integer::longValue).sum();
		if (n <= 0) {
			return null;
		}
		long rank = Math.max(1, (long) Math.ceil(p * n - 1e-9));
		long seen = 0;
		for (int i = 0; i < histogram.size(); i++) {
			seen += histogram.get(i);
			if (seen >= rank) {
				return lowerBound(i + 1);
			}
		}
		return lowerBound(histogram.size());
	}

}
