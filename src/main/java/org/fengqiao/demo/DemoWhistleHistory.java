package org.fengqiao.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.fengqiao.dispatch.WhistleHistoryImport;
import org.fengqiao.dispatch.WhistleHistoryImport.HistoricWhistle;
import org.fengqiao.dispatch.WhistleHistoryImport.Step;
import org.fengqiao.geo.GridDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo county's whistle history: two full calendar years before the clock's year and
 * the current year to date, generated once (when none is stored) from a fixed seed and
 * the injected clock, and written through dispatch's bulk history import, which grades,
 * routes, times and escalates each with dispatch's own rules.
 *
 * <p>
 * What it holds: {@code fengqiao.demo.whistles-per-year} reports a year (30,000 for a
 * county of about 380,000), more in summer and fewer at the Spring Festival, most on
 * Mondays and fewest on Sundays, by day more than by night; the county seat 张家畔街道 and its
 * market streets far busier than the villages; categories weighted as a county sees them
 * (rubbish, street vending, neighbours, heating in winter, flooding in summer, wages owed
 * before the Spring Festival); some answered late (escalated), some reopened, some
 * rejected; ratings mostly 4 and 5. Year on year it improves as the seed reports: more
 * received, answered faster, more on time, more satisfied, fewer reopened. The last days
 * before now are still open: dispatched, accepted, on scene or waiting for the resident's
 * confirmation.
 */
@Component
@Order(41)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoWhistleHistory implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoWhistleHistory.class);

	/** Every reference of the demo history starts so. */
	static final String PREFIX = "history-";

	private static final long SEED = 20_240_101L;

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	/** The county seat. */
	private static final String COUNTY_SEAT = "610824001";

	/** Reports by month, January first. */
	private static final double[] SEASON = { 0.82, 0.78, 0.92, 1.00, 1.08, 1.15, 1.22, 1.18, 1.06, 1.00, 0.94, 0.88 };

	/** Reports by day of the week, Monday first. */
	private static final double[] WEEK = { 1.25, 1.08, 1.02, 1.00, 0.98, 0.85, 0.72 };

	/** Reports by hour of the day. */
	private static final double[] HOURS = { 0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.4, 3.0, 3.0, 2.6, 1.8, 1.5, 2.2,
			2.6, 2.7, 2.5, 2.0, 2.0, 1.9, 1.5, 1.0, 0.6 };

	/**
	 * Year on year, the oldest of the three first: reports received, the share answered
	 * in time, how long answering and handling take, the share reopened, the ratings'
	 * share of 5 and of 4 stars.
	 */
	private static final double[] RECEIVED = { 0.90, 1.00, 1.08 };

	private static final double[] ON_TIME = { 0.86, 0.915, 0.955 };

	private static final double[] SPEED = { 1.00, 0.84, 0.72 };

	private static final double[] REOPENED = { 0.045, 0.034, 0.024 };

	private static final double[] FIVE_STARS = { 0.55, 0.62, 0.69 };

	private static final double[] FOUR_STARS = { 0.28, 0.26, 0.23 };

	/** A category the county sees, how often, in which months, where, and in words. */
	private record Kind(String code, double weight, int respondMinutes, String months, double urban,
			List<String> texts) {

		double weightIn(int month, boolean seat) {
			double w = weight;
			if (!months.isEmpty()) {
				w *= months.contains("," + month + ",") ? 3.0 : 0.05;
			}
			return w * (seat ? urban : 1.0);
		}

	}

	private static final List<Kind> KINDS = List.of(
			kind("UM-0102", 9, 30, "", 1.3, "小区门口垃圾堆积没人清运", "路边有人乱倒生活垃圾", "巷子里垃圾堆了好几天"),
			kind("UM-0104", 4, 30, "", 1.3, "路面有大片油污，行人容易滑倒", "道路上泥土很多，车一过尘土飞扬"),
			kind("UM-0108", 6, 30, "", 1.4, "垃圾桶满了溢到地上", "小区垃圾箱溢出没人清理"),
			kind("UM-0109", 3, 30, "", 1.2, "人行道上堆放建材影响通行", "门口堆满杂物占了道"),
			kind("UM-0201", 3, 30, "", 1.5, "楼道里贴满小广告", "电线杆上到处是小广告"),
			kind("UM-0301", 2, 30, ",5,6,7,8,9,", 1.6, "工地晚上十一点还在施工，噪音很大", "夜里施工机器声音吵得睡不着"),
			kind("UM-0304", 2, 30, ",3,4,5,", 1.4, "工地扬尘大，土方没有覆盖", "工地大风天扬尘严重"),
			kind("UM-0402", 1.5, 15, "", 1.4, "路口井盖破损，有安全隐患", "人行道井盖缺了一块"),
			kind("UM-0405", 1.5, 30, ",12,1,2,", 1.2, "路面结冰，行人容易滑倒", "坡道上结了一层冰"),
			kind("UM-0501", 6, 30, "", 2.2, "商贩占道摆摊，影响通行", "早市摊位摆到了马路上"),
			kind("UM-0502", 3, 30, "", 2.0, "商铺把货物摆到人行道上", "饭馆把桌子摆到门外"),
			kind("UM-0503", 4, 30, "", 2.0, "人行道上停满了车", "车辆停在人行道上挡住路"),
			kind("UM-0504", 2, 30, "", 1.8, "电动车乱停堵住通道", "楼下自行车乱停放"),
			kind("UM-0506", 3, 30, ",5,6,7,8,9,", 1.8, "广场舞音响声音太大", "晚上广场上音响放到很晚"),
			kind("UM-0602", 2, 30, "", 1.0, "小区里有流浪狗追人", "几只流浪狗在路口转悠"),
			kind("HR-01", 2, 15, "", 1.0, "独居老人需要帮忙买药", "独居老人家的水管冻住了"),
			kind("HR-03", 2, 30, "", 1.3, "在菜市场附近丢了钱包", "捡到一部手机，想找失主"),
			kind("HR-04", 2, 30, "", 1.2, "小区突然停水，没有通知", "整条街停水一天了"),
			kind("HR-05", 1.5, 30, "", 1.1, "整栋楼停电了", "村里停电半天还没来电"),
			kind("HR-07", 4, 30, ",11,12,1,2,3,", 1.6, "家里暖气不热，室温只有十几度", "暖气片冰凉，供暖公司没人管"),
			kind("HR-11", 3, 30, "", 1.0, "想请网格员帮忙办理医保续费", "不会在手机上办理社保认证，需要帮办"),
			kind("DS-01", 6, 30, "", 1.0, "楼上漏水到楼下，两家发生争执", "邻居在楼道堆放杂物，双方吵了起来"),
			kind("DS-02", 3, 30, "", 1.0, "夫妻因家庭琐事经常吵架", "兄弟之间因赡养父母发生矛盾"),
			kind("DS-03", 3, 30, "", 1.8, "业主对物业费收费有意见", "物业不管电梯故障，业主不满"),
			kind("DS-04", 2, 30, ",12,1,2,", 1.2, "工地拖欠工人工资", "包工头拖欠几个月工钱"),
			kind("DS-05", 3, 30, "", 0.1, "两户村民因宅基地边界发生争执", "承包地地界不清，春耕时发生争吵"),
			kind("DS-09", 1, 30, "", 0.1, "村民对补偿款分配方案有异议", "村组道路占地补偿没有落实"),
			kind("DS-11", 2, 30, "", 1.0, "借钱不还，多次催要无果", "买卖羊只后对方拖欠货款"),
			kind("PO-100300", 2, 10, "", 1.3, "电动车电瓶被偷了", "家门口的自行车被人偷了"),
			kind("PO-200200", 3, 10, "", 1.3, "两人在街上发生口角", "顾客和店主争执起来"),
			kind("PO-200300", 1.5, 10, "", 1.5, "有人喝醉了在店里闹事", "醉汉在路边大喊大叫"),
			kind("PO-300100", 2.5, 10, "", 1.3, "两车剐蹭，双方争执不下", "三轮车和摩托车碰了一下"),
			kind("PO-300200", 2, 15, "", 2.0, "学校门口上下学时段堵车严重", "路口车辆堵成一片"),
			kind("PO-600100", 2, 30, "", 1.2, "钥匙锁在家里进不去", "车钥匙丢了需要帮忙"),
			kind("PO-100500", 1, 5, "", 1.2, "接到冒充客服的电话被骗了钱", "网上刷单被骗了"),
			kind("SF-01", 0.6, 5, "", 1.3, "楼道里有燃气味", "厨房里闻到燃气味"),
			kind("SF-03", 1, 10, ",7,8,", 1.3, "暴雨后路段积水严重", "下雨后地下通道积水"),
			kind("SF-05", 3, 30, "", 1.5, "消防通道被杂物堵住", "安全出口被电动车挡住了"),
			kind("SF-06", 3, 30, "", 1.5, "有人从楼上拉电线给电动车充电", "楼道里有电动车在充电"),
			kind("SF-07", 0.5, 15, "", 0.05, "窑洞后面的土坡出现裂缝", "山坡上有松动的土块"),
			kind("SF-08", 0.5, 10, "", 0.05, "油井管线附近有人挖土", "输油管道上方有人取土"),
			kind("SF-12", 1, 30, "", 1.4, "小吃店卫生条件差", "超市卖的熟食有异味"));

	private static final String[] REPORTERS = { "群众", "王先生", "李女士", "张先生", "刘女士", "陈先生", "杨女士", "赵先生", "匿名" };

	private final WhistleHistoryImport whistles;

	private final GridDirectory directory;

	private final Clock clock;

	private final int perYear;

	DemoWhistleHistory(WhistleHistoryImport whistles, GridDirectory directory, Clock clock,
			@Value("${fengqiao.demo.whistles-per-year:30000}") int perYear) {
		this.whistles = whistles;
		this.directory = directory;
		this.clock = clock;
		this.perYear = perYear;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (perYear <= 0 || whistles.hasReferencePrefix(PREFIX)) {
			return;
		}
		long started = System.nanoTime();
		List<HistoricWhistle> past = generate(clock.instant());
		long generated = System.nanoTime();
		WhistleHistoryImport.Loaded loaded = whistles.loadAll(past);
		log.info("Loaded the demo whistle history: {} whistles ({} skipped), generated in {} ms, stored in {} ms",
				loaded.stored(), loaded.skipped(), (generated - started) / 1_000_000, loaded.took().toMillis());
	}

	/** A grid where whistles are reported, with its weight and a point inside. */
	private record Place(String code, double weight, boolean seat, double lon, double lat) {
	}

	/** The history up to {@code now}, the same for the same now and settings. */
	List<HistoricWhistle> generate(Instant now) {
		Random random = new Random(SEED);
		List<Place> places = places(random);
		double placeTotal = places.stream().mapToDouble(Place::weight).sum();
		List<String> kinds = KINDS.stream().filter(k -> whistles.knows(k.code())).map(Kind::code).toList();
		Map<String, Kind> byCode = new HashMap<>();
		KINDS.forEach(k -> byCode.put(k.code(), k));
		List<HistoricWhistle> past = new ArrayList<>();
		if (places.isEmpty() || kinds.isEmpty()) {
			return past;
		}
		ZonedDateTime end = now.atZone(ZONE);
		int thisYear = end.getYear();
		LocalDate first = LocalDate.of(thisYear - 2, 1, 1);
		double weekMean = java.util.Arrays.stream(WEEK).average().orElse(1);
		double seasonMean = java.util.Arrays.stream(SEASON).average().orElse(1);
		double hourTotal = java.util.Arrays.stream(HOURS).sum();
		int n = 0;
		for (LocalDate day = first; !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
			int y = day.getYear() - (thisYear - 2);
			double expected = perYear / 365.0 * RECEIVED[y] * SEASON[day.getMonthValue() - 1] / seasonMean
					* WEEK[day.getDayOfWeek().getValue() - 1] / weekMean;
			int count = poisson(random, expected);
			for (int i = 0; i < count; i++) {
				ZonedDateTime at = day.atStartOfDay(ZONE)
					.plusHours(pick(random, HOURS, hourTotal))
					.plusSeconds(random.nextInt(3600));
				Place place = pickPlace(random, places, placeTotal);
				Kind kind = pickKind(random, kinds, byCode, day.getMonthValue(), place.seat());
				Instant reported = at.toInstant();
				if (reported.isAfter(now)) {
					continue;
				}
				double spread = 0.004;
				double lon = place.lon() + (random.nextDouble() - 0.5) * spread;
				double lat = place.lat() + (random.nextDouble() - 0.5) * spread;
				String text = kind.texts().get(random.nextInt(kind.texts().size()));
				String by = kind.code().startsWith("PO-") ? "民警" : "网格员";
				List<Step> steps = steps(random, kind, y, reported, now, day.getDayOfWeek());
				past.add(new HistoricWhistle(kind.code(), lon, lat, text, REPORTERS[random.nextInt(REPORTERS.length)],
						PREFIX + String.format("%06d", ++n), by, reported, steps));
			}
		}
		return past;
	}

	/**
	 * What was done to a report: answered (in time, or late and so escalated), on scene,
	 * resolved, then confirmed with a rating, reopened and done again, or closed by the
	 * command centre when the resident did not answer; a few rejected. Steps after now
	 * have not happened yet.
	 */
	private static List<Step> steps(Random random, Kind kind, int y, Instant reported, Instant now, DayOfWeek day) {
		List<Step> steps = new ArrayList<>();
		double respond = kind.respondMinutes();
		if (random.nextDouble() < 0.015) {
			steps
				.add(new Step("reject", reported.plus(minutes(5 + random.nextInt(20))), "指挥中心", "不属于受理范围，已告知群众", null));
			return upTo(steps, now);
		}
		boolean late = random.nextDouble() > ON_TIME[y];
		double answer = late ? respond * (1.05 + exponential(random, 1.3))
				: respond * (0.15 + 0.8 * random.nextDouble()) * SPEED[y];
		Instant t = reported.plus(minutes(answer));
		if (late && random.nextDouble() < 0.35) {
			steps.add(new Step("supervise", reported.plus(minutes(respond + (answer - respond) / 2)), "指挥中心",
					"YELLOW: 超时未响应，请尽快处置", null));
		}
		steps.add(Step.of("accept", t));
		boolean urgent = kind.respondMinutes() <= 10;
		if (random.nextDouble() < 0.65) {
			t = t.plus(minutes(urgent ? 5 + random.nextInt(20) : 10 + random.nextInt(60)));
			steps.add(Step.of("arrive", t));
		}
		double hours = urgent ? 0.5 + 3.5 * random.nextDouble()
				: Math.min(240, Math.exp(Math.log(4) + random.nextGaussian()) * SPEED[y]);
		t = t.plus(minutes(hours * 60));
		steps.add(Step.of("resolve", t, "已到现场处置完毕，情况已向群众反馈"));
		if (random.nextDouble() < REOPENED[y]) {
			t = t.plus(minutes(60 + random.nextInt(40 * 60)));
			steps.add(new Step("reopen", t, null, "问题没有彻底解决，又出现了", null));
			t = t.plus(minutes(10 + random.nextInt(110)));
			steps.add(Step.of("accept", t));
			t = t.plus(minutes(120 + random.nextInt(22 * 60)));
			steps.add(Step.of("resolve", t, "再次处置，问题已彻底解决"));
			t = t.plus(minutes(60 + random.nextInt(23 * 60)));
			steps.add(new Step("confirm", t, null, null, 3 + random.nextInt(2)));
			return upTo(steps, now);
		}
		if (random.nextDouble() < 0.88) {
			t = t.plus(minutes(30 + random.nextInt(47 * 60)));
			steps.add(new Step("confirm", t, null, null, rating(random, y)));
		}
		else {
			t = t.plus(Duration.ofHours(73 + random.nextInt(48)));
			steps.add(new Step("close", t, "指挥中心", "居民逾期未确认，按期办结", null));
		}
		return upTo(steps, now);
	}

	private static int rating(Random random, int y) {
		double r = random.nextDouble();
		if (r < FIVE_STARS[y]) {
			return 5;
		}
		if (r < FIVE_STARS[y] + FOUR_STARS[y]) {
			return 4;
		}
		double rest = (r - FIVE_STARS[y] - FOUR_STARS[y]) / (1 - FIVE_STARS[y] - FOUR_STARS[y]);
		return rest < 0.6 ? 3 : rest < 0.85 ? 2 : 1;
	}

	/** The steps that have happened by now: later ones are still to come. */
	private static List<Step> upTo(List<Step> steps, Instant now) {
		List<Step> done = new ArrayList<>();
		for (Step s : steps) {
			if (s.at().isAfter(now)) {
				break;
			}
			done.add(s);
		}
		return done;
	}

	/**
	 * The basic grids, weighted by population; the county seat and its busiest streets
	 * (the first communities and a seeded handful of market grids) weigh more.
	 */
	private List<Place> places(Random random) {
		List<Place> places = new ArrayList<>();
		for (GridDirectory.GridInfo grid : directory.grids(4)) {
			var point = directory.interiorPoint(grid.code());
			if (point.isEmpty()) {
				continue;
			}
			boolean seat = grid.code().startsWith(COUNTY_SEAT);
			double weight = Math.max(50, grid.population()) * (seat ? 1.6 : 1.0);
			if (seat && grid.code().compareTo(COUNTY_SEAT + "003") < 0) {
				weight *= 3; // the old town's market streets
			}
			else if (random.nextDouble() < 0.05) {
				weight *= 2.5; // a market or a busy crossing
			}
			places.add(new Place(grid.code(), weight, seat, point.get().lon(), point.get().lat()));
		}
		return places;
	}

	private static Place pickPlace(Random random, List<Place> places, double total) {
		double r = random.nextDouble() * total;
		for (Place p : places) {
			r -= p.weight();
			if (r <= 0) {
				return p;
			}
		}
		return places.get(places.size() - 1);
	}

	private static Kind pickKind(Random random, List<String> codes, Map<String, Kind> byCode, int month, boolean seat) {
		double total = 0;
		for (String code : codes) {
			total += byCode.get(code).weightIn(month, seat);
		}
		double r = random.nextDouble() * total;
		for (String code : codes) {
			r -= byCode.get(code).weightIn(month, seat);
			if (r <= 0) {
				return byCode.get(code);
			}
		}
		return byCode.get(codes.get(codes.size() - 1));
	}

	private static int pick(Random random, double[] weights, double total) {
		double r = random.nextDouble() * total;
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r <= 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	private static int poisson(Random random, double mean) {
		if (mean > 30) {
			return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
		}
		double l = Math.exp(-mean);
		int k = 0;
		double p = 1;
		do {
			k++;
			p *= random.nextDouble();
		}
		while (p > l);
		return k - 1;
	}

	private static double exponential(Random random, double mean) {
		return -mean * Math.log(1 - random.nextDouble());
	}

	private static Duration minutes(double minutes) {
		return Duration.ofSeconds(Math.round(minutes * 60));
	}

	private static Kind kind(String code, double weight, int respondMinutes, String months, double urban,
			String... texts) {
		return new Kind(code, weight, respondMinutes, months, urban, List.of(texts));
	}

}
