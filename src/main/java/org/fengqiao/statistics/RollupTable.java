package org.fengqiao.statistics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One roll-up table: a key (day or month, area, police grid...), counters, and an
 * optional histogram of response times. Changes arrive as deltas per key (what an item
 * counts now minus what it counted before) and are added in one statement per key, in the
 * order of the keys, so concurrent transactions take the rows' locks in the same order
 * and never deadlock.
 */
final class RollupTable {

	/** A key's values, in the order of {@link #keys}; strings, dates or numbers. */
	record Key(List<Object> values) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			return Arrays.toString(values.toArray()).compareTo(Arrays.toString(other.values.toArray()));
		}

	}

	/** What changes on one key: a number to add to each counter and histogram bucket. */
	static final class Delta {

		final long[] counters;

		int[] histogram;

		Delta(int counters) {
			this.counters = new long[counters];
		}

		void add(long[] values, int sign) {
			for (int i = 0; i < values.length; i++) {
				counters[i] += sign * values[i];
			}
		}

		void addBucket(Integer bucket, int sign) {
			if (bucket == null) {
				return;
			}
			if (histogram == null || histogram.length < bucket) {
				histogram = histogram == null ? new int[bucket] : Arrays.copyOf(histogram, bucket);
			}
			histogram[bucket - 1] += sign;
		}

		boolean isZero() {
			return Arrays.stream(counters).allMatch(c -> c == 0)
					&& (histogram == null || Arrays.stream(histogram).allMatch(c -> c == 0));
		}

	}

	final String table;

	final List<String> keys;

	final List<String> counters;

	final boolean histogram;

	private final String upsert;

	RollupTable(String table, List<String> keys, List<String> counters, boolean histogram) {
		this.table = table;
		this.keys = keys;
		this.counters = counters;
		this.histogram = histogram;
		List<String> columns = new ArrayList<>(keys);
		columns.addAll(counters);
		if (histogram) {
			columns.add("response");
		}
		String values = columns.stream()
			.map(c -> c.equals("response") ? "?::integer[]" : "?")
			.collect(Collectors.joining(", "));
		String updates = counters.stream()
			.map(c -> c + " = t." + c + " + excluded." + c)
			.collect(Collectors.joining(", "))
				+ (histogram ? ", response = stat_add(t.response, excluded.response)" : "");
		this.upsert = "insert into " + table + " as t (" + String.join(", ", columns) + ") values (" + values
				+ ") on conflict (" + String.join(", ", keys) + ") do update set " + updates;
	}

	Delta delta() {
		return new Delta(counters.size());
	}

	/** Adds the deltas, in the order of their keys. */
	void add(JdbcTemplate jdbc, Map<Key, Delta> deltas) {
		List<Map.Entry<Key, Delta>> rows = new TreeMap<>(deltas).entrySet()
			.stream()
			.filter(e -> !e.getValue().isZero())
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.toList();
		if (rows.isEmpty()) {
			return;
		}
		jdbc.batchUpdate(upsert, rows, 500, (PreparedStatement ps, Map.Entry<Key, Delta> row) -> bind(ps, row));
	}

	private void bind(PreparedStatement ps, Map.Entry<Key, Delta> row) throws SQLException {
		int i = 1;
		for (Object v : row.getKey().values()) {
			ps.setObject(i++, v);
		}
		for (long c : row.getValue().counters) {
			ps.setLong(i++, c);
		}
		if (histogram) {
			int[] h = row.getValue().histogram;
			ps.setString(i, h == null ? "{}"
					: Arrays.stream(h).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}")));
		}
	}

	/** The sums of the counters selected by a condition, grouped by an expression. */
	String sumSql(String groupBy, String where) {
		String sums = counters.stream().map(c -> "sum(" + c + ")::bigint " + c).collect(Collectors.joining(", "));
		return "select " + (groupBy == null ? "''" : groupBy) + " k, " + sums + " from " + table + " where " + where
				+ (groupBy == null ? "" : " group by 1");
	}

	/**
	 * The histogram's buckets summed over the rows selected by a condition, grouped by an
	 * expression: rows of (k, bucket, count), with PostgreSQL's own unnest and sum.
	 */
	String histogramSql(String groupBy, String where) {
		return "select " + (groupBy == null ? "''" : groupBy) + " k, u.i::int bucket, sum(u.n)::bigint n from " + table
				+ " t, unnest(t.response) with ordinality u(n, i) where " + where + " group by 1, 2";
	}

}
