package org.fengqiao.statistics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.dispatch.WhistleFacts;
import org.fengqiao.organisation.DataScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The whistle indicators (吹哨亮灯), counted from the whistle roll-ups. Every whistle counts
 * in the period it was reported in; see {@link WhistleFacts} for handled, late, closed.
 */
@Component
class WhistleIndicators implements IndicatorSource, Indicators.BreakdownNames {

	private static final List<String> ALL = Indicators.words(By.TOWNSHIP, By.VILLAGE, By.GRID, By.STATION,
			By.POLICE_GRID, By.CATEGORY, By.GRADE, By.MONTH);

	private static final String REPORTED = "whistles reported in the period";

	private static final String DUE_TO_CLOSE = "due to close: handled (resolved, confirmed, closed) + open and past a deadline (suspended ones left out)";

	/** The whistle indicators, defined once. */
	static final List<Indicator> DEFINITIONS = List.of(
			count("whistles.received", "受理群众吹哨", "Whistles received", "whistles reported", REPORTED),
			count("whistles.closed", "办结", "Whistles closed", "whistles confirmed by the resident or closed", REPORTED),
			ratio("whistles.closure-rate", "办结率", "Closure rate", "closed", DUE_TO_CLOSE, true),
			ratio("whistles.on-time-rate", "按时办结率", "On-time rate",
					"handled without missing a clock (never escalated, resolved before the handling deadline)",
					DUE_TO_CLOSE, true),
			new Indicator("whistles.response-minutes-p50", "响应时长中位数", "Response time, median", Indicator.Unit.MINUTES,
					Indicator.Form.PERCENTILE, false, "",
					"whistles accepted: minutes from the report to the acceptance, 50th percentile", REPORTED, ALL,
					false),
			new Indicator("whistles.response-minutes-p90", "响应时长90分位", "Response time, 90th percentile",
					Indicator.Unit.MINUTES, Indicator.Form.PERCENTILE, false, "",
					"whistles accepted: minutes from the report to the acceptance, 90th percentile", REPORTED, ALL,
					false),
			ratio("whistles.within-30-minutes-share", "30分钟内响应占比", "Responded within 30 minutes",
					"accepted within 30 minutes of the report", "whistles accepted", true),
			count("whistles.escalated", "超时升级", "Whistles escalated", "whistles that missed a clock and climbed",
					REPORTED, false),
			ratio("whistles.rework-rate", "返工率", "Rework rate", "reopened by the resident at least once",
					"resolved (handled now, or resolved and reopened since)", false),
			new Indicator("whistles.satisfaction", "群众满意度（平均星级）", "Satisfaction (mean rating)", Indicator.Unit.STARS,
					Indicator.Form.MEAN, true, "sum of the residents' ratings (1-5)", "whistles rated", REPORTED, ALL,
					false),
			ratio("whistles.satisfied-share", "满意率（4-5星）", "Satisfied (4-5 stars)", "rated 4 or 5 stars",
					"whistles rated", true));

	private static Indicator count(String code, String zh, String en, String numerator, String filters) {
		return count(code, zh, en, numerator, filters, true);
	}

	private static Indicator count(String code, String zh, String en, String numerator, String filters,
			boolean higherIsBetter) {
		return new Indicator(code, zh, en, Indicator.Unit.COUNT, Indicator.Form.COUNT, higherIsBetter, numerator, "",
				filters, ALL, false);
	}

	private static Indicator ratio(String code, String zh, String en, String numerator, String denominator,
			boolean higherIsBetter) {
		return new Indicator(code, zh, en, Indicator.Unit.SHARE, Indicator.Form.RATIO, higherIsBetter, numerator,
				denominator, REPORTED, ALL, false);
	}

	/** The sums of a roll-up's counters and histogram. */
	record Sums(long[] counters, List<Integer> histogram) {

		static Sums empty() {
			return new Sums(new long[WhistleRollups.COUNTERS.size()], new ArrayList<>());
		}

		long get(String counter) {
			return counters[WhistleRollups.COUNTERS.indexOf(counter)];
		}

		Sums plus(Sums o) {
			long[] c = counters.clone();
			for (int i = 0; i < c.length; i++) {
				c[i] += o.counters[i];
			}
			List<Integer> h = new ArrayList<>(histogram);
			for (int i = 0; i < o.histogram.size(); i++) {
				if (i < h.size()) {
					h.set(i, h.get(i) + o.histogram.get(i));
				}
				else {
					h.add(o.histogram.get(i));
				}
			}
			return new Sums(c, h);
		}

	}

	private final JdbcTemplate jdbc;

	private final Areas areas;

	private final WhistleFacts facts;

	WhistleIndicators(JdbcTemplate jdbc, Areas areas, WhistleFacts facts) {
		this.jdbc = jdbc;
		this.areas = areas;
		this.facts = facts;
	}

	@Override
	public List<Indicator> indicators() {
		return DEFINITIONS;
	}

	@Override
	public Map<String, Map<String, String>> names() {
		Map<String, String> grades = Map.of("1", "一级（红）", "2", "二级（黄）", "3", "三级（蓝）");
		return Map.of(By.CATEGORY.word(), facts.categoryNames(), By.GRADE.word(), grades);
	}

	@Override
	public Map<String, Measure> measure(Slice slice, Set<String> codes) {
		boolean percentiles = codes.stream().anyMatch(c -> c.contains("-p50") || c.contains("-p90"));
		Sums sums = sums(slice, null, percentiles).getOrDefault("", Sums.empty());
		Map<String, Measure> measures = new LinkedHashMap<>();
		for (String code : codes) {
			measures.put(code, measure(code, sums));
		}
		return measures;
	}

	@Override
	public Map<String, Measure> breakdown(Slice slice, String code, By by) {
		Map<String, Sums> groups = sums(slice, by, code.contains("-p50") || code.contains("-p90"));
		if (by == By.STATION) {
			Map<String, String> stationOf = areas.stationOfPoliceGrid();
			Map<String, Sums> stations = new LinkedHashMap<>();
			groups.forEach((pg, s) -> stations.merge(stationOf.getOrDefault(pg, ""), s, Sums::plus));
			groups = stations;
		}
		Map<String, Measure> measures = new LinkedHashMap<>();
		groups.forEach((key, s) -> measures.put(key, measure(code, s)));
		return measures;
	}

	static Measure measure(String code, Sums s) {
		return switch (code) {
			case "whistles.received" -> Measure.of(Indicator.Form.COUNT, s.get("received"), 0);
			case "whistles.closed" -> Measure.of(Indicator.Form.COUNT, s.get("closed"), 0);
			case "whistles.closure-rate" ->
				Measure.of(Indicator.Form.RATIO, s.get("closed"), s.get("handled") + s.get("overdue_open"));
			case "whistles.on-time-rate" ->
				Measure.of(Indicator.Form.RATIO, s.get("on_time"), s.get("handled") + s.get("overdue_open"));
			case "whistles.response-minutes-p50" -> percentile(s, 0.5);
			case "whistles.response-minutes-p90" -> percentile(s, 0.9);
			case "whistles.within-30-minutes-share" ->
				Measure.of(Indicator.Form.RATIO, s.get("within_30"), s.get("responded"));
			case "whistles.escalated" -> Measure.of(Indicator.Form.COUNT, s.get("escalated"), 0);
			case "whistles.rework-rate" -> Measure.of(Indicator.Form.RATIO, s.get("reopened"), s.get("resolved_ever"));
			case "whistles.satisfaction" -> Measure.of(Indicator.Form.MEAN, s.get("rating_sum"), s.get("rated"));
			case "whistles.satisfied-share" -> Measure.of(Indicator.Form.RATIO, s.get("rating_high"), s.get("rated"));
			default -> throw new IllegalArgumentException("not a whistle indicator: " + code);
		};
	}

	private static Measure percentile(Sums s, double p) {
		Long minutes = Buckets.percentile(s.histogram(), p);
		return Measure.percentile(minutes == null ? null : BigDecimal.valueOf(minutes), s.get("responded"));
	}

	/** The sums of the slice, grouped by a breakdown (or all together). */
	Map<String, Sums> sums(Slice slice, By by, boolean histograms) {
		boolean township = townships(slice, by);
		boolean monthly = township || monthly(slice, by);
		RollupTable table = township ? WhistleRollups.TOWNSHIP : monthly ? WhistleRollups.MONTH : WhistleRollups.DAY;
		String time = monthly ? "month" : "day";
		String area = township ? "township_code" : monthly ? "village_code" : "area_code";
		List<Object> params = new ArrayList<>();
		// The township roll-up has no police grid column (it answers only scopes without
		// police grids).
		String where = slice.condition(time, area, !township, params);
		String group = by == null ? null : switch (by) {
			case TOWNSHIP -> "substr(" + area + ", 1, 9)";
			case VILLAGE -> "substr(" + area + ", 1, 12)";
			case GRID -> "area_code";
			case STATION, POLICE_GRID -> "police_grid_code";
			case CATEGORY -> "category_code";
			case GRADE -> "grade::text";
			case MONTH -> "to_char(" + time + ", 'YYYY-MM')";
			default -> throw new IllegalArgumentException("whistles are not broken down by " + by.word());
		};
		Map<String, Sums> result = new LinkedHashMap<>();
		jdbc.query(table.sumSql(group, where), rs -> {
			result.put(rs.getString("k"), sums(rs));
		}, params.toArray());
		if (histograms) {
			jdbc.query(table.histogramSql(group, where), rs -> {
				Sums s = result.get(rs.getString("k"));
				if (s != null) {
					int bucket = rs.getInt("bucket");
					while (s.histogram().size() < bucket) {
						s.histogram().add(0);
					}
					s.histogram().set(bucket - 1, s.histogram().get(bucket - 1) + (int) rs.getLong("n"));
				}
			}, params.toArray());
		}
		return result;
	}

	/**
	 * Whether the township roll-up answers: whole months of the county or a township, no
	 * finer breakdown than townships, seen by someone whose scope is no finer either.
	 */
	private static boolean townships(Slice slice, By by) {
		if (!slice.period().wholeMonths() || (by != null && by != By.TOWNSHIP && by != By.MONTH)) {
			return false;
		}
		if (slice.area().kind() != Area.Kind.COUNTY && slice.area().kind() != Area.Kind.TOWNSHIP) {
			return false;
		}
		DataScope scope = slice.scope();
		return scope.all()
				|| (scope.policeGrids().isEmpty() && scope.areaPrefixes().stream().allMatch(p -> p.length() <= 9));
	}

	/**
	 * Whether the monthly roll-up answers: whole months, and areas and scopes no finer
	 * than villages.
	 */
	private static boolean monthly(Slice slice, By by) {
		if (!slice.period().wholeMonths() || by == By.GRID || by == By.CATEGORY || by == By.GRADE) {
			return false;
		}
		if (slice.area().kind() == Area.Kind.GRID) {
			return false;
		}
		DataScope scope = slice.scope();
		return scope.all() || scope.areaPrefixes().stream().allMatch(p -> p.length() <= 12);
	}

	private static Sums sums(ResultSet rs) throws SQLException {
		long[] c = new long[WhistleRollups.COUNTERS.size()];
		for (int i = 0; i < c.length; i++) {
			c[i] = rs.getLong(WhistleRollups.COUNTERS.get(i));
		}
		return new Sums(c, new ArrayList<>());
	}

}
