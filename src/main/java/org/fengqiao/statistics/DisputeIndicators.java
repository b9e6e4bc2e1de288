package org.fengqiao.statistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dispute indicators (矛盾纠纷), as the justice bureaus report them and as mediation's
 * DisputeFigures defines them: every dispute counts in the period it was registered in.
 */
@Component
class DisputeIndicators implements IndicatorSource, Indicators.BreakdownNames {

	private static final List<String> ALL = Indicators.words(By.TOWNSHIP, By.VILLAGE, By.GRID, By.STATION,
			By.POLICE_GRID, By.TYPE, By.SOURCE, By.MONTH);

	private static final String REGISTERED = "disputes registered in the period, from any source";

	static final List<Indicator> DEFINITIONS = List.of(
			count("disputes.screened", "排查受理矛盾纠纷", "Disputes screened", "disputes registered"),
			count("disputes.mediated", "调解", "Disputes mediated",
					"disputes whose mediation started and ended (settled, terminated, withdrawn, referred, archived)"),
			count("disputes.settled", "调解成功", "Disputes settled",
					"disputes whose agreement a follow-up visit found performed"),
			ratio("disputes.success-rate", "调解成功率", "Mediation success rate", "settled", "mediated"),
			ratio("disputes.settled-in-village-share", "小事不出村", "Settled in the village",
					"settled on the villagers' group or village rung", "settled"),
			ratio("disputes.settled-in-town-share", "大事不出镇", "Settled in the town", "settled below the county",
					"settled"),
			count("disputes.civil-to-criminal-prevented", "防止民转刑案件", "Civil-to-criminal cases prevented",
					"settled disputes flagged civil-to-criminal"),
			new Indicator("disputes.civil-to-criminal-prevented-persons", "防止民转刑人数", "Civil-to-criminal: persons",
					Indicator.Unit.PERSONS, Indicator.Form.COUNT, true,
					"people involved in settled disputes flagged civil-to-criminal", "", REGISTERED, ALL, false),
			count("disputes.group-petitions-prevented", "防止群体性上访", "Group petitions prevented",
					"settled disputes flagged as a possible group petition"));

	private static Indicator count(String code, String zh, String en, String numerator) {
		return new Indicator(code, zh, en, Indicator.Unit.COUNT, Indicator.Form.COUNT, true, numerator, "", REGISTERED,
				ALL, false);
	}

	private static Indicator ratio(String code, String zh, String en, String numerator, String denominator) {
		return new Indicator(code, zh, en, Indicator.Unit.SHARE, Indicator.Form.RATIO, true, numerator, denominator,
				REGISTERED, ALL, false);
	}

	private final JdbcTemplate jdbc;

	private final Areas areas;

	DisputeIndicators(JdbcTemplate jdbc, Areas areas) {
		this.jdbc = jdbc;
		this.areas = areas;
	}

	@Override
	public List<Indicator> indicators() {
		return DEFINITIONS;
	}

	@Override
	public Map<String, Map<String, String>> names() {
		Map<String, String> types = new LinkedHashMap<>();
		types.put("MARRIAGE_FAMILY", "婚姻家庭");
		types.put("NEIGHBOURS", "邻里纠纷");
		types.put("HOUSING_HOMESTEAD", "房屋宅基地");
		types.put("CONTRACT", "合同纠纷");
		types.put("BUSINESS", "生产经营");
		types.put("DAMAGES", "损害赔偿");
		types.put("LAND_FOREST", "山林土地");
		types.put("LAND_ACQUISITION", "征地拆迁");
		types.put("ENVIRONMENT", "环境污染");
		types.put("LABOUR", "劳动争议");
		types.put("CONSUMER", "消费纠纷");
		types.put("MEDICAL", "医疗纠纷");
		types.put("TRAFFIC_ACCIDENT", "道路交通事故");
		types.put("PROPERTY_MANAGEMENT", "物业纠纷");
		types.put("VILLAGE_AFFAIRS", "村务管理");
		types.put("OTHER", "其他");
		Map<String, String> sources = Map.of("SCREENING", "排查", "APPLICATION", "当事人申请", "WHISTLE", "吹哨转办", "COURT",
				"法院委派", "POLICE", "公安移交");
		return Map.of(By.TYPE.word(), types, By.SOURCE.word(), sources);
	}

	@Override
	public Map<String, Measure> measure(Slice slice, Set<String> codes) {
		long[] sums = sums(slice, null).getOrDefault("", new long[DisputeRollups.COUNTERS.size()]);
		Map<String, Measure> measures = new LinkedHashMap<>();
		for (String code : codes) {
			measures.put(code, measure(code, sums));
		}
		return measures;
	}

	@Override
	public Map<String, Measure> breakdown(Slice slice, String code, By by) {
		Map<String, long[]> groups = sums(slice, by);
		if (by == By.STATION) {
			Map<String, String> stationOf = areas.stationOfPoliceGrid();
			Map<String, long[]> stations = new LinkedHashMap<>();
			groups.forEach((pg, s) -> stations.merge(stationOf.getOrDefault(pg, ""), s, DisputeIndicators::plus));
			groups = stations;
		}
		Map<String, Measure> measures = new LinkedHashMap<>();
		groups.forEach((key, s) -> measures.put(key, measure(code, s)));
		return measures;
	}

	private static long[] plus(long[] a, long[] b) {
		long[] c = a.clone();
		for (int i = 0; i < c.length; i++) {
			c[i] += b[i];
		}
		return c;
	}

	static Measure measure(String code, long[] s) {
		return switch (code) {
			case "disputes.screened" -> Measure.of(Indicator.Form.COUNT, get(s, "screened"), 0);
			case "disputes.mediated" -> Measure.of(Indicator.Form.COUNT, get(s, "mediated"), 0);
			case "disputes.settled" -> Measure.of(Indicator.Form.COUNT, get(s, "settled"), 0);
			case "disputes.success-rate" -> Measure.of(Indicator.Form.RATIO, get(s, "settled"), get(s, "mediated"));
			case "disputes.settled-in-village-share" ->
				Measure.of(Indicator.Form.RATIO, get(s, "settled_in_village"), get(s, "settled"));
			case "disputes.settled-in-town-share" ->
				Measure.of(Indicator.Form.RATIO, get(s, "settled_in_town"), get(s, "settled"));
			case "disputes.civil-to-criminal-prevented" -> Measure.of(Indicator.Form.COUNT, get(s, "c2c_cases"), 0);
			case "disputes.civil-to-criminal-prevented-persons" ->
				Measure.of(Indicator.Form.COUNT, get(s, "c2c_persons"), 0);
			case "disputes.group-petitions-prevented" -> Measure.of(Indicator.Form.COUNT, get(s, "petition_cases"), 0);
			default -> throw new IllegalArgumentException("not a dispute indicator: " + code);
		};
	}

	private static long get(long[] sums, String counter) {
		return sums[DisputeRollups.COUNTERS.indexOf(counter)];
	}

	Map<String, long[]> sums(Slice slice, By by) {
		List<Object> params = new ArrayList<>();
		String where = slice.condition("day", "area_code", true, params);
		String group = by == null ? null : switch (by) {
			case TOWNSHIP -> "substr(area_code, 1, 9)";
			case VILLAGE -> "substr(area_code, 1, 12)";
			case GRID -> "area_code";
			case STATION, POLICE_GRID -> "police_grid_code";
			case TYPE -> "dispute_type";
			case SOURCE -> "source";
			case MONTH -> "to_char(day, 'YYYY-MM')";
			default -> throw new IllegalArgumentException("disputes are not broken down by " + by.word());
		};
		Map<String, long[]> result = new LinkedHashMap<>();
		jdbc.query(DisputeRollups.DAY.sumSql(group, where), rs -> {
			long[] c = new long[DisputeRollups.COUNTERS.size()];
			for (int i = 0; i < c.length; i++) {
				c[i] = rs.getLong(DisputeRollups.COUNTERS.get(i));
			}
			result.put(rs.getString("k"), c);
		}, params.toArray());
		return result;
	}

}
