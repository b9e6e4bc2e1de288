package org.fengqiao.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.mediation.CaseHistoryImport;
import org.fengqiao.mediation.CaseReplay;
import org.fengqiao.mediation.CaseReplay.PastCase;
import org.fengqiao.mediation.DisputeType;
import org.fengqiao.mediation.Rung;
import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.organisation.MediationBodies.Body;
import org.fengqiao.organisation.MediationBodies.Mediator;
import org.fengqiao.platform.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo county's mediation: a room for every mediation body, and a year of mediation
 * history consistent with the seed article (3,112 disputes screened and registered in a
 * year, a mediation success rate of about 98%, most disputes settled in the village and
 * nearly all within the town).
 *
 * <p>
 * The demo decides what happens to each dispute and when (the draws of a fixed random
 * seed, the Jingbian names and texts); mediation's {@link CaseReplay} plays it through
 * the dispute aggregate and the ladder (register, assign, fail and climb, agree, follow
 * up, archive...), so its state, rung, dates and events agree with the state machine and
 * the ladder's rules. The timeline stops at the clock's "now", which leaves the most
 * recent disputes open. The history is deterministic for a given "now" and written
 * through the module's bulk writer, {@link CaseHistoryImport}. Runs once: when there are
 * no mediation rooms yet.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoMediation implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoMediation.class);

	/**
	 * Disputes registered a year by default (the article's 3,112 screened disputes);
	 * {@code fengqiao.demo.disputes-per-year}.
	 */
	static final int DISPUTES = 3112;

	/**
	 * Year on year, the oldest of the three years first: disputes screened (as a share of
	 * the current year's pace), the chance that a mediation that would have succeeded
	 * fails instead (so success climbs from about 88% to 90% to 98.4%, "up 8 points"),
	 * and the chance of a threat and of a scuffle in the account (civil-to-criminal risk,
	 * fewer each year).
	 */
	private static final double[] SCREENED = { 0.885, 0.935, 1.0 };

	private static final double[] FAILED = { 0.10, 0.08, 0.0 };

	private static final double[] THREATENED = { 0.02, 0.015, 0.01 };

	private static final double[] SCUFFLED = { 0.055, 0.04, 0.03 };

	static final String ACTOR = "demo";

	private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();

	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈姜崔谭陆范汪石金贾夏付方白孟秦侯江尹薛闫段雷史陶贺毛郝";

	private static final String GIVEN = "建国军华明强伟平刚勇峰磊涛斌超亮鹏飞志红霞丽娟芳燕玲敏静秀英兰梅凤莉艳春秋冬宁安康宝成玉海波文武德福祥瑞";

	private static final String[] PHONE_PREFIXES = { "135", "136", "138", "139", "150", "152", "158", "182", "187",
			"189", "191" };

	/**
	 * Registrations by month, January first: more around the Spring Festival, spring
	 * ploughing and the harvest.
	 */
	private static final double[] SEASON = { 1.30, 1.20, 1.05, 1.10, 1.00, 0.90, 0.85, 0.90, 1.00, 1.05, 0.95, 1.15 };

	private static final Map<DisputeType, Double> TYPE_WEIGHTS = new LinkedHashMap<>();

	private static final Map<DisputeType, List<String>> DESCRIPTIONS = new LinkedHashMap<>();

	private static final Map<DisputeType, String> OBLIGATIONS = new LinkedHashMap<>();

	static {
		weight(DisputeType.NEIGHBOURS, 22, "邻居家新建院墙遮挡采光，双方多次争吵", "楼上卫生间漏水殃及楼下，双方就维修费用协商不成", "邻居在公共通道堆放柴草杂物，影响通行",
				"两户因排水沟走向发生争执，雨水流入对方院内", "邻居家养狗夜间吠叫扰民，多次沟通无果", "相邻两户因门前停车位置发生口角");
		weight(DisputeType.MARRIAGE_FAMILY, 18, "夫妻感情不和，女方回娘家居住，双方就子女抚养问题发生争执", "兄弟三人因老人赡养费用分担发生矛盾",
				"婚约解除后，男方要求女方家返还彩礼", "兄妹之间因父母遗留房屋的继承问题产生分歧", "婆媳长期不和，家庭矛盾激化", "离婚后双方就子女探视时间发生争执");
		weight(DisputeType.LAND_FOREST, 13, "两户承包地地界不清，春耕时因地埂位置发生争执", "村民在他人承包的林地内放牧，造成树苗受损", "土地流转合同到期后，承包方未按约定恢复耕地",
				"两户因荒地开垦归属问题发生纠纷", "退耕还林补贴分配不均，兄弟之间产生矛盾", "灌溉用水轮次安排引发相邻地块村民争执");
		weight(DisputeType.HOUSING_HOMESTEAD, 11, "两户宅基地相邻，一方翻建房屋占用了另一方的地界", "兄弟分家时宅基地划分不清，翻修房屋时发生争执",
				"村民建房滴水檐伸入邻居院内，双方协商未果", "老宅拆除后宅基地使用权归属产生争议", "房屋买卖后原房主迟迟不腾房");
		weight(DisputeType.CONTRACT, 9, "村民购买农机具后发现质量问题，与销售方就退换协商不成", "借款到期后借款人未按约定归还，出借人多次催要未果", "房屋租赁到期，双方就押金退还发生争执",
				"羊只买卖后买方拖欠部分货款", "承揽房屋装修，双方就工程质量和尾款发生纠纷");
		weight(DisputeType.LABOUR, 8, "{n}名务工人员反映包工头拖欠工资", "务工人员在工地受伤，与雇主就医疗费用协商不成", "季节性用工结束后，雇主以质量问题为由少付工钱",
				"员工辞职后单位未结清最后一个月工资");
		weight(DisputeType.DAMAGES, 4, "村民家的羊跑进邻居地里啃食庄稼，双方就赔偿数额争执", "施工车辆碾压损坏村民水管，就赔偿问题协商未果", "邻居家树木倒伏砸坏院墙",
				"小孩玩耍时损坏他人车辆玻璃，家长就赔偿发生分歧");
		weight(DisputeType.TRAFFIC_ACCIDENT, 3, "三轮车与摩托车剐蹭，双方就修车费用发生争执", "农用车倒车时撞伤行人，就医疗费赔偿协商不成",
				"村道上两车会车时发生碰撞，责任划分有争议");
		weight(DisputeType.PROPERTY_MANAGEMENT, 3, "小区业主以服务不到位为由拒交物业费", "小区地下车库漏水，业主与物业公司就维修责任发生争执",
				"电梯频繁故障，业主要求物业公司退还部分费用", "物业公司停车收费标准引发业主不满");
		weight(DisputeType.CONSUMER, 2, "在商店购买的电暖器使用一周后损坏，商家拒绝退换", "预付卡消费后店铺关门，消费者要求退款", "购买的化肥质量不合格导致减产，农户要求赔偿");
		weight(DisputeType.BUSINESS, 2, "两家合伙经营养殖场，散伙时就财产分割发生争议", "商铺转让后就原有债务承担问题产生分歧", "合伙购置的农机具使用和收益分配发生矛盾");
		weight(DisputeType.VILLAGE_AFFAIRS, 2, "村民对村组土地补偿款分配方案有异议", "部分村民认为低保评定不公开，要求村委会说明", "村组道路硬化占用村民自留地，补偿未落实");
		weight(DisputeType.LAND_ACQUISITION, 1.5, "项目征地补偿标准有争议，涉及{n}户村民", "征地后地上附着物补偿款迟迟未发放", "拆迁安置房分配顺序引发村民不满");
		weight(DisputeType.ENVIRONMENT, 1, "养殖场粪污气味影响周边村民生活", "砂石厂粉尘污染附近农田", "夜间施工噪音扰民，居民多次反映");
		weight(DisputeType.MEDICAL, 0.5, "患者在诊所输液后出现不良反应，家属要求赔偿", "村卫生室诊疗收费引发患者家属不满");
		weight(DisputeType.OTHER, 1, "村民之间因债务担保问题产生矛盾", "宠物狗咬伤路人，双方就医疗费用协商不成");
		OBLIGATIONS.put(DisputeType.NEIGHBOURS, "双方互谅互让，按原状恢复通行和排水，今后和睦相处");
		OBLIGATIONS.put(DisputeType.MARRIAGE_FAMILY, "双方按协议约定分担义务，互相尊重，不再因此发生争执");
		OBLIGATIONS.put(DisputeType.LAND_FOREST, "双方在村干部见证下重新确认地界并埋设界桩，各自按界耕种");
		OBLIGATIONS.put(DisputeType.HOUSING_HOMESTEAD, "按宅基地证载四至确认界线，越界部分由建房方自行调整");
		OBLIGATIONS.put(DisputeType.CONTRACT, "双方按原合同约定结清款项，合同关系终止");
		OBLIGATIONS.put(DisputeType.LABOUR, "用工方按实际工作量结清工资");
		OBLIGATIONS.put(DisputeType.DAMAGES, "致害方赔偿受损方损失，双方再无其他争议");
		OBLIGATIONS.put(DisputeType.TRAFFIC_ACCIDENT, "按责任比例承担修理费和医疗费，双方再无其他争议");
		OBLIGATIONS.put(DisputeType.PROPERTY_MANAGEMENT, "物业公司限期整改，业主补交物业费");
		OBLIGATIONS.put(DisputeType.CONSUMER, "经营者为消费者退货或换货并承担相应损失");
		OBLIGATIONS.put(DisputeType.BUSINESS, "按出资比例分割合伙财产，债务按比例分担");
		OBLIGATIONS.put(DisputeType.VILLAGE_AFFAIRS, "村委会公开分配方案和评定过程，并按村民会议决议执行");
		OBLIGATIONS.put(DisputeType.LAND_ACQUISITION, "按核定标准补发补偿款");
		OBLIGATIONS.put(DisputeType.ENVIRONMENT, "经营方限期整改，并对受影响村民给予补偿");
		OBLIGATIONS.put(DisputeType.MEDICAL, "医疗机构一次性给予患者补偿，双方再无其他争议");
		OBLIGATIONS.put(DisputeType.OTHER, "双方按协议履行，再无其他争议");
	}

	/**
	 * Phrases that the risk rules read as scuffles or threats (M07) and as weapons or
	 * revenge (M08).
	 */
	private static final List<String> SCUFFLES = List.of("争吵中双方发生推搡", "一方言语威胁对方", "一方曾到对方家中堵门", "双方情绪激动，一方动手打人");

	private static final List<String> THREATS = List.of("一方扬言要报复对方", "争执中一方拿起棍棒");

	private static final Set<DisputeType> GROUP_TYPES = Set.of(DisputeType.LABOUR, DisputeType.LAND_ACQUISITION,
			DisputeType.VILLAGE_AFFAIRS, DisputeType.ENVIRONMENT, DisputeType.PROPERTY_MANAGEMENT);

	private final MediationBodies bodies;

	private final GridDirectory directory;

	private final CaseReplay replay;

	private final CaseHistoryImport caseHistory;

	private final Clock clock;

	private final Duration followUpAfter;

	private final int perYear;

	DemoMediation(MediationBodies bodies, GridDirectory directory, CaseReplay replay, CaseHistoryImport caseHistory,
			Clock clock, @org.springframework.beans.factory.annotation.Value("${fengqiao.demo.disputes-per-year:"
					+ DISPUTES + "}") int perYear) {
		this.perYear = perYear;
		this.bodies = bodies;
		this.directory = directory;
		this.replay = replay;
		this.caseHistory = caseHistory;
		this.clock = clock;
		this.followUpAfter = replay.followUpAfter();
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (caseHistory.hasRooms()) {
			return;
		}
		List<Body> all = bodies.bodies();
		List<GridDirectory.DivisionInfo> villages = directory.divisions()
			.stream()
			.filter(d -> d.level().equals("VILLAGE"))
			.toList();
		if (all.isEmpty() || villages.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		History history = new History(all, villages);
		int rooms = history.seedRooms();
		history.generate();
		history.insert();
		log.info(
				"Loaded the demo mediation history in {} ms: {} rooms, {} disputes, {} parties, {} events, {} sessions;"
						+ " mediation success {}% of {} concluded, settled in the village {}%, in the town {}%",
				(System.nanoTime() - start) / 1_000_000, rooms, history.disputes.size(), history.parties.size(),
				history.events.size(), history.sessions.size(), percent(history.settled, history.concluded),
				history.concluded, percent(history.settledInVillage, history.settled),
				percent(history.settledInTown, history.settled));
	}

	// --- one run
	// ----------------------------------------------------------------------------------------------

	/**
	 * A village or community where disputes happen, with its grids and how many people
	 * live there.
	 */
	private record Village(String code, String shortName, String townshipCode, boolean community, List<String> grids,
			int population) {
	}

	/** A party before sealing. */
	private record Party(String side, String kind, String name, String idNumber, String phone, String villageCode,
			String address) {
	}

	/** A mediator on the case, as it will be stored. */
	private static final class OnCase {

		final long personId;

		final String name;

		final String role;

		final Instant assignedAt;

		Instant releasedAt;

		OnCase(long personId, String name, String role, Instant assignedAt) {
			this.personId = personId;
			this.name = name;
			this.role = role;
			this.assignedAt = assignedAt;
		}

	}

	/** What happens on a rung once mediators take the case. */
	private enum Step {

		AGREE, CLIMB, CLIMB_ON_TIME_LIMIT, TERMINATE, WITHDRAW, REFER

	}

	private final class History {

		final Random random = new Random(610_824_50L);

		final Instant now = clock.instant();

		final ZoneId zone = clock.getZone();

		final List<Body> allBodies;

		/**
		 * The ladder's bodies in memory: thousands of placements without a query each.
		 */
		final CaseReplay.Replay cases = replay.replay();

		final Map<String, String> roomOfBody = new HashMap<>();

		final Map<String, List<Mediator>> mediatorsOfBody = new HashMap<>();

		final List<Mediator> thirdParties;

		final List<Village> villages = new ArrayList<>();

		final Map<String, List<Village>> villagesOfTownship = new LinkedHashMap<>();

		final double[] cumulativePopulation;

		final Map<String, Optional<GridDirectory.Position>> points = new HashMap<>();

		/**
		 * Mediated disputes whose mediation ended, those settled, and where they were
		 * settled.
		 */
		int concluded, settled, settledInVillage, settledInTown;

		final Set<String> trackingCodes = new HashSet<>();

		final Set<String> idNumbers = new HashSet<>();

		final Map<String, Integer> referenceNumbers = new HashMap<>();

		final List<CaseHistoryImport.Room> rooms = new ArrayList<>();

		final List<CaseHistoryImport.PastDispute> disputes = new ArrayList<>();

		final List<CaseHistoryImport.PastParty> parties = new ArrayList<>();

		final List<CaseHistoryImport.PastEvent> events = new ArrayList<>();

		final List<CaseHistoryImport.PastMediator> mediators = new ArrayList<>();

		final List<CaseHistoryImport.PastSession> sessions = new ArrayList<>();

		final List<CaseHistoryImport.PastAgreement> agreements = new ArrayList<>();

		final List<CaseHistoryImport.PastFollowUp> followUps = new ArrayList<>();

		History(List<Body> all, List<GridDirectory.DivisionInfo> divisions) {
			this.allBodies = all;
			this.thirdParties = bodies.thirdPartyPool();
			Map<String, List<GridDirectory.GridInfo>> basicOfVillage = directory.grids(4)
				.stream()
				.collect(Collectors.groupingBy(GridDirectory.GridInfo::divisionCode));
			Map<String, List<String>> microOfBasic = directory.grids(5)
				.stream()
				.collect(Collectors.groupingBy(g -> g.code().substring(0, 14),
						Collectors.mapping(GridDirectory.GridInfo::code, Collectors.toList())));
			for (GridDirectory.DivisionInfo d : divisions) {
				List<GridDirectory.GridInfo> basic = basicOfVillage.getOrDefault(d.code(), List.of());
				List<String> areas = new ArrayList<>();
				for (GridDirectory.GridInfo g : basic) {
					List<String> micro = microOfBasic.get(g.code());
					if (micro == null) {
						areas.add(g.code());
					}
					else {
						areas.addAll(micro);
					}
				}
				int population = Math.max(100, basic.stream().mapToInt(GridDirectory.GridInfo::population).sum());
				Village v = new Village(d.code(), shortName(d.name()), d.parentCode(), "COMMUNITY".equals(d.kind()),
						List.copyOf(areas), population);
				villages.add(v);
				villagesOfTownship.computeIfAbsent(v.townshipCode(), t -> new ArrayList<>()).add(v);
			}
			cumulativePopulation = new double[villages.size()];
			double sum = 0;
			for (int i = 0; i < villages.size(); i++) {
				sum += villages.get(i).population();
				cumulativePopulation[i] = sum;
			}
		}

		// --- rooms
		// ----------------------------------------------------------------------------------------------

		/**
		 * One room per body; a few village centres name theirs after respected mediators
		 * (老张说和室...).
		 */
		int seedRooms() {
			List<Body> ruralCentres = allBodies.stream()
				.filter(b -> b.rung().equals("VILLAGE_CENTRE") && !b.areaCode().startsWith("610824001"))
				.toList();
			Map<String, String> named = new HashMap<>();
			nameAfterMediator(ruralCentres, "张", "老张说和室", named);
			nameAfterMediator(ruralCentres, "李", "老李说和室", named);
			for (String[] pick : new String[][] { { "保成调解室", "3" }, { "和为贵调解室", "2" } }) {
				for (int i = ruralCentres.size() / Integer.parseInt(pick[1]); i < ruralCentres.size(); i++) {
					if (!named.containsKey(ruralCentres.get(i).code())) {
						named.put(ruralCentres.get(i).code(), pick[0]);
						break;
					}
				}
			}
			for (Body b : allBodies) {
				String name = switch (b.rung()) {
					case "VILLAGE_CENTRE" -> named.getOrDefault(b.code(), strip(b.name(), "矛盾纠纷调解中心") + "调解室");
					case "TOWN_COMMITTEE" -> strip(b.name(), "人民调解委员会") + "人民调解室";
					case "GROUP_TEAM" -> strip(b.name(), "调解小组") + "调解点";
					default -> "县矛盾纠纷调处化解中心调解室";
				};
				String code = "R-" + b.code();
				rooms.add(new CaseHistoryImport.Room(code, name, b.code(),
						b.areaCode() == null ? "610824" : b.areaCode()));
				roomOfBody.put(b.code(), code);
			}
			return rooms.size();
		}

		private void nameAfterMediator(List<Body> centres, String surname, String room, Map<String, String> named) {
			centres.stream()
				.filter(b -> !named.containsKey(b.code()))
				.filter(b -> mediatorsOf(b.code()).stream().anyMatch(m -> m.name().startsWith(surname)))
				.findFirst()
				.ifPresent(b -> named.put(b.code(), room));
		}

		// --- the year's disputes
		// --------------------------------------------------------------------------------

		/**
		 * Two full calendar years before the clock's year and the current year to date,
		 * each with its volume and the seasons.
		 */
		void generate() {
			List<Instant> registrations = new ArrayList<>();
			LocalDate today = LocalDate.ofInstant(now, zone);
			int thisYear = today.getYear();
			for (int y = 0; y < 3; y++) {
				LocalDate from = LocalDate.of(thisYear - 2 + y, 1, 1);
				LocalDate to = y == 2 ? today : LocalDate.of(thisYear - 2 + y, 12, 31);
				int days = (int) java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
				long target = Math.round(perYear * SCREENED[y] * days / from.lengthOfYear());
				int found = 0;
				// Bounded: just after midnight on New Year's Day the year to date has no
				// time
				// left before "now" for any registration.
				long attempts = 0;
				while (found < target && attempts++ < 100 * (target + 1)) {
					LocalDate day = from.plusDays(random.nextInt(days));
					if (random.nextDouble() * 1.3 > SEASON[day.getMonthValue() - 1]) {
						continue;
					}
					Instant at = day.atTime(8, 0)
						.plusMinutes(random.nextInt(600))
						.plusSeconds(random.nextInt(60))
						.atZone(zone)
						.toInstant();
					if (!at.isAfter(now)) {
						registrations.add(at);
						found++;
					}
					else if (day.equals(today) && found >= target - 1) {
						break;
					}
				}
			}
			registrations.sort(Comparator.naturalOrder());
			for (Instant at : registrations) {
				year = LocalDate.ofInstant(at, zone).getYear() - (thisYear - 2);
				dispute(at);
			}
		}

		/** The year of the dispute being generated: 0, 1 or 2 (the current year). */
		int year = 2;

		private void dispute(Instant registeredAt) {
			UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
					(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
			Village village = village();
			DisputeType type = type(village);
			String source = pick(new String[] { "SCREENING", "APPLICATION", "WHISTLE", "POLICE", "COURT" },
					new double[] { 70, 14, 6, 6, 4 });
			String sourceRef = switch (source) {
				case "WHISTLE" -> reference("W", registeredAt);
				case "POLICE" -> reference("P", registeredAt);
				case "COURT" -> reference("C", registeredAt);
				default -> null;
			};

			// Where: a point in a grid (the micro-grid where there are micro-grids), or
			// only the village.
			String area = village.code();
			if (!village.grids().isEmpty() && random.nextDouble() < 0.95) {
				area = village.grids().get(random.nextInt(village.grids().size()));
			}
			String micro = area.length() == 16 ? area : null;
			String gridCode = area.length() >= 14 ? area.substring(0, 14) : null;
			Optional<GridDirectory.Position> point = area.equals(village.code()) ? Optional.empty()
					: points.computeIfAbsent(area, directory::interiorPoint);

			// Who: two parties, sometimes three or four; now and then one from another
			// village or township.
			int partyCount = pick(new Integer[] { 2, 3, 4 }, new double[] { 85, 10, 5 });
			List<String> partyVillages = new ArrayList<>();
			for (int i = 0; i < partyCount; i++) {
				partyVillages.add(village.code());
			}
			double across = random.nextDouble();
			if (across < 0.01) {
				partyVillages.set(partyCount - 1, otherTownship(village).code());
			}
			else if (across < 0.05) {
				partyVillages.set(partyCount - 1, otherVillage(village).code());
			}
			int people = people(type, partyCount);
			BigDecimal amount = amount(type, people);
			String description = description(type, people, source);

			PastCase d = cases.register(id, ACTOR, registeredAt,
					new CaseReplay.Facts(type, amount, people, description),
					new CaseReplay.Place(micro, village.code(), village.townshipCode(), partyVillages));

			List<Party> partyList = parties(type, village, partyVillages);
			Case c = new Case(id, d, type, amount, description, partyList);
			c.play(registeredAt);
			count(d);

			disputes.add(d.asPastDispute(source, sourceRef, point.map(GridDirectory.Position::lon).orElse(null),
					point.map(GridDirectory.Position::lat).orElse(null), gridCode, area, trackingCode()));
			for (Party p : partyList) {
				parties.add(new CaseHistoryImport.PastParty(id, p.side(), p.kind(), p.name(), p.idNumber(), p.phone(),
						p.villageCode(), p.address()));
			}
			events.addAll(d.events());
			for (OnCase m : c.onCase) {
				mediators
					.add(new CaseHistoryImport.PastMediator(id, m.personId, m.role, m.assignedAt, ACTOR, m.releasedAt));
			}
		}

		private void count(PastCase d) {
			if (d.isMediationConcluded()) {
				concluded++;
			}
			Rung settledRung = d.settledRung();
			if (settledRung != null) {
				settled++;
				settledInVillage += settledRung.isInVillage() ? 1 : 0;
				settledInTown += settledRung.isInTown() ? 1 : 0;
			}
		}

		/** One dispute's life on the ladder, played until it ends or until now. */
		private final class Case {

			final UUID id;

			final PastCase d;

			final DisputeType type;

			final BigDecimal amount;

			final String description;

			final List<Party> parties;

			final List<OnCase> onCase = new ArrayList<>();

			Case(UUID id, PastCase d, DisputeType type, BigDecimal amount, String description, List<Party> parties) {
				this.id = id;
				this.d = d;
				this.type = type;
				this.amount = amount;
				this.description = description;
				this.parties = parties;
			}

			void play(Instant registeredAt) {
				// Triage: a few disputes are outside people's mediation, or withdrawn
				// before anyone mediates.
				double triage = random.nextDouble();
				if (triage < 0.012) {
					Instant at = after(registeredAt, 0.05, 3);
					if (at.isAfter(now)) {
						return;
					}
					if (triage < 0.006) {
						String to = triageReferral();
						d.refer(ACTOR, at, to, triageReason(to));
					}
					else {
						d.withdraw(ACTOR, at, oneOf("双方已自行和解，申请人撤回调解申请", "申请人撤回调解申请"));
					}
					archive(at, 1, 20);
					return;
				}
				Instant t = registeredAt;
				while (true) {
					Rung rung = d.rung();
					Instant assigned = after(t, rung.isInVillage() ? 0.02 : 0.2, rung.isInVillage() ? 2 : 3);
					if (assigned.isAfter(now) || !assign(assigned)) {
						return;
					}
					Step step = step(rung);
					if (step == Step.AGREE && random.nextDouble() < FAILED[year]) {
						// Earlier years: more mediations ended without an agreement.
						step = rung == Rung.COUNTY || random.nextDouble() < 0.75 ? Step.TERMINATE : Step.WITHDRAW;
					}
					int sessions = step == Step.CLIMB_ON_TIME_LIMIT ? 1 + random.nextInt(2)
							: rung.isInVillage() ? pick(new Integer[] { 1, 2, 3 }, new double[] { 60, 30, 10 })
									: pick(new Integer[] { 1, 2, 3 }, new double[] { 30, 45, 25 });
					Instant last = assigned;
					for (int i = 1; i <= sessions; i++) {
						Instant starts = after(last, i == 1 ? 0.02 : 1, i == 1 ? 3 : 6);
						Instant held = starts.plus(Duration.ofMinutes(50 + random.nextInt(100)));
						if (held.isAfter(now)) {
							return;
						}
						session(starts, held, minutes(i, i == sessions, step));
						last = held;
					}
					switch (step) {
						case AGREE -> {
							Instant at = last.plus(Duration.ofMinutes(5 + random.nextInt(30)));
							if (!at.isAfter(now)) {
								agree(at, sessions);
							}
							return;
						}
						case CLIMB -> {
							Instant at = after(last, 0.05, 2);
							if (at.isAfter(now)) {
								return;
							}
							d.failAndClimb(ACTOR, at, climbReason(rung));
							release(at);
							t = at;
						}
						case CLIMB_ON_TIME_LIMIT -> {
							Instant at = d.rungDue();
							if (at.isAfter(now)) {
								return;
							}
							d.climbOnTimeLimit();
							release(at);
							t = at;
						}
						case TERMINATE -> {
							Instant at = after(last, 0.05, 2);
							if (!at.isAfter(now)) {
								d.terminate(ACTOR, at, "终止调解，已告知当事人可通过仲裁、行政、司法等途径维护权利："
										+ oneOf("一方拒绝继续调解", "双方分歧较大，调解无法继续", "被申请人拒不到场"));
								archive(at, 1, 20);
							}
							return;
						}
						case WITHDRAW -> {
							Instant at = after(last, 0.05, 3);
							if (!at.isAfter(now)) {
								d.withdraw(ACTOR, at, oneOf("双方已自行和解，申请人撤回调解申请", "申请人撤回调解申请"));
								archive(at, 1, 20);
							}
							return;
						}
						case REFER -> {
							Instant at = after(last, 0.05, 2);
							if (!at.isAfter(now)) {
								boolean labour = type == DisputeType.LABOUR;
								d.refer(ACTOR, at, labour ? "ARBITRATION" : "COURT",
										labour ? "调解不成，引导申请劳动人事争议仲裁" : "调解不成，引导当事人依法起诉，转法院诉调对接");
								archive(at, 1, 20);
							}
							return;
						}
					}
				}
			}

			/**
			 * How mediation on this rung ends (so that ~85% settle in the village, ~98%
			 * in the town, ~98% succeed).
			 */
			private Step step(Rung rung) {
				return switch (rung) {
					case GROUP_TEAM ->
						pick(new Step[] { Step.AGREE, Step.CLIMB, Step.WITHDRAW }, new double[] { 80, 19.5, 0.5 });
					case VILLAGE_CENTRE ->
						pick(new Step[] { Step.AGREE, Step.CLIMB, Step.CLIMB_ON_TIME_LIMIT, Step.WITHDRAW },
								new double[] { 93, 5.5, 1, 0.5 });
					case TOWN_COMMITTEE -> pick(new Step[] { Step.AGREE, Step.CLIMB, Step.CLIMB_ON_TIME_LIMIT,
							Step.TERMINATE, Step.WITHDRAW }, new double[] { 89.5, 6.5, 1, 1.5, 1.5 });
					case COUNTY ->
						pick(new Step[] { Step.AGREE, Step.REFER, Step.TERMINATE }, new double[] { 76, 12, 12 });
				};
			}

			/**
			 * The body's mediators take the case: a lead, sometimes a member and a
			 * third-party mediator.
			 */
			private boolean assign(Instant at) {
				List<Mediator> regular = mediatorsOf(d.bodyCode()).stream().filter(m -> !m.isThirdParty()).toList();
				if (regular.isEmpty()) {
					return false;
				}
				Rung rung = d.rung();
				List<Mediator> chosen = new ArrayList<>();
				int lead = random.nextInt(regular.size());
				chosen.add(regular.get(lead));
				if (regular.size() > 1 && random.nextDouble() < 0.3) {
					chosen.add(regular.get((lead + 1) % regular.size()));
				}
				double thirdParty = switch (rung) {
					case GROUP_TEAM, VILLAGE_CENTRE -> 0.03;
					case TOWN_COMMITTEE -> 0.25;
					case COUNTY -> 0.4;
				};
				if (!thirdParties.isEmpty() && random.nextDouble() < thirdParty) {
					chosen.add(thirdParties.get(random.nextInt(thirdParties.size())));
				}
				Instant t = at;
				for (Mediator m : chosen) {
					if (onCase.stream().anyMatch(o -> o.personId == m.personId())) {
						continue;
					}
					boolean anyCurrent = onCase.stream().anyMatch(o -> o.releasedAt == null);
					String role = m.isThirdParty() ? "THIRD_PARTY" : anyCurrent ? "MEMBER" : "LEAD";
					onCase.add(new OnCase(m.personId(), m.name(), role, t));
					d.assign(ACTOR, t, m.name());
					t = t.plusSeconds(20 + random.nextInt(100));
				}
				return d.isMediating();
			}

			private void release(Instant at) {
				onCase.stream().filter(o -> o.releasedAt == null).forEach(o -> o.releasedAt = at);
			}

			private String names(String side) {
				return parties.stream()
					.filter(p -> p.side().equals(side))
					.map(Party::name)
					.collect(Collectors.joining("、"));
			}

			private void session(Instant starts, Instant held, String minutes) {
				String mediatorsNow = onCase.stream()
					.filter(o -> o.releasedAt == null)
					.map(o -> (o.role.equals("THIRD_PARTY") ? "特邀调解员" : "调解员") + o.name)
					.collect(Collectors.joining("、"));
				String attendees = "申请人：" + names("APPLICANT") + "；被申请人：" + names("RESPONDENT") + "；" + mediatorsNow
						+ (d.rung().isInVillage() ? "；村干部、网格员" : "");
				sessions.add(new CaseHistoryImport.PastSession(id, roomOfBody.get(d.bodyCode()), starts, attendees,
						minutes, held, ACTOR));
			}

			private String minutes(int i, boolean last, Step step) {
				if (!last) {
					return i == 1 ? "分别听取双方陈述，核实争议事实，向双方讲解相关法律规定" : "背靠背做双方思想工作，释法说理，双方立场有所松动";
				}
				return switch (step) {
					case AGREE -> (i == 1 ? "听取双方陈述、核实事实后，" : "") + "双方互谅互让，当场达成一致意见";
					case WITHDRAW -> "双方表示愿意自行协商解决";
					default -> (i == 1 ? "听取双方陈述后，" : "") + "双方各执己见，未能达成一致";
				};
			}

			/**
			 * The parties agree; a follow-up visit confirms performance and settles the
			 * case; then it is archived.
			 */
			private void agree(Instant at, int heldSessions) {
				boolean written = random.nextDouble() < (d.rung().isInVillage() ? 0.67 : 0.88);
				d.agree(ACTOR, at, written, heldSessions, parties.size(), written ? "书面调解协议" : "口头调解协议");
				LocalDate agreedOn = LocalDate.ofInstant(at, zone);
				BigDecimal agreed = amount == null ? null
						: amount.multiply(BigDecimal.valueOf(0.5 + random.nextDouble() * 0.5))
							.divide(BigDecimal.valueOf(100), 0, java.math.RoundingMode.HALF_UP)
							.multiply(BigDecimal.valueOf(100));
				LocalDate performanceDue = agreed != null || random.nextDouble() < 0.4
						? agreedOn.plusDays(random.nextInt(31)) : null;
				String obligations = OBLIGATIONS.get(type)
						+ (agreed == null ? "" : "；" + names("RESPONDENT").split("、")[0] + "向"
								+ names("APPLICANT").split("、")[0] + "支付" + agreed.toPlainString() + "元");
				String performance = performanceDue == null ? "协议签订后立即履行"
						: performanceDue.equals(agreedOn) ? "协议签订时当场履行" : "于" + performanceDue + "前履行完毕";
				LocalDate confirmationDue = written ? agreedOn.plusDays(30) : null;
				LocalDate applied = null, decided = null;
				String court = null, result = null;
				if (written
						&& random.nextDouble() < (agreed != null && agreed.compareTo(BigDecimal.valueOf(10_000)) >= 0
								? 0.2 : 0.06)) {
					LocalDate on = agreedOn.plusDays(1 + random.nextInt(20));
					if (!on.isAfter(LocalDate.ofInstant(now, zone))) {
						applied = on;
						court = "靖边县人民法院";
						LocalDate decision = on.plusDays(3 + random.nextInt(13));
						if (!decision.isAfter(LocalDate.ofInstant(now, zone))) {
							decided = decision;
							result = random.nextDouble() < 0.96 ? "CONFIRMED" : "REJECTED";
						}
					}
				}
				agreements.add(new CaseHistoryImport.PastAgreement(id, written ? "WRITTEN" : "ORAL", description,
						obligations, performance, performanceDue, agreed, agreedOn, confirmationDue, applied, court,
						result, decided));

				// Follow-up visits until one finds the agreement performed.
				LocalDate due = (performanceDue != null ? performanceDue : agreedOn).plusDays(followUpAfter.toDays());
				while (true) {
					Instant visit = due.plusDays(random.nextInt(6) - 1)
						.atTime(LocalTime.of(9, 0))
						.plusMinutes(random.nextInt(480))
						.atZone(zone)
						.toInstant();
					if (!visit.isAfter(at)) {
						visit = at.plus(Duration.ofDays(1));
					}
					if (visit.isAfter(now)) {
						followUps.add(new CaseHistoryImport.PastFollowUp(id, due, null, null, null, null));
						return;
					}
					boolean performed = random.nextDouble() < 0.97;
					String notes = performed ? oneOf("回访：协议已履行完毕，双方表示满意", "回访：款项已付清，双方关系缓和", "回访：双方按协议履行，未再发生矛盾")
							: "回访：对方尚未按期履行，已督促其尽快履行";
					followUps.add(new CaseHistoryImport.PastFollowUp(id, due, visit, ACTOR, performed, notes));
					d.followUp(ACTOR, visit, performed, notes);
					if (performed) {
						Instant archiveAt = after(visit, 1, 40);
						if (decided == null && applied != null) {
							return; // the court has not decided yet: the file stays open
						}
						if (decided != null) {
							Instant afterDecision = decided.plusDays(1).atTime(10, 0).atZone(zone).toInstant();
							archiveAt = archiveAt.isBefore(afterDecision) ? afterDecision : archiveAt;
						}
						if (!archiveAt.isAfter(now)) {
							d.archive(ACTOR, archiveAt);
						}
						return;
					}
					due = LocalDate.ofInstant(visit, zone).plusDays(followUpAfter.toDays());
					at = visit;
				}
			}

			private void archive(Instant closed, double minDays, double maxDays) {
				Instant at = after(closed, minDays, maxDays);
				if (!at.isAfter(now)) {
					d.archive(ACTOR, at);
				}
			}

			/** Where a dispute outside people's mediation goes (a referral's name). */
			private String triageReferral() {
				return switch (type) {
					case LABOUR -> "ARBITRATION";
					case LAND_ACQUISITION, VILLAGE_AFFAIRS -> random.nextBoolean() ? "PETITION" : "ADMINISTRATIVE";
					case TRAFFIC_ACCIDENT, MEDICAL, ENVIRONMENT, CONSUMER -> "ADMINISTRATIVE";
					default -> "COURT";
				};
			}

			private String triageReason(String to) {
				return switch (to) {
					case "ARBITRATION" -> "属劳动争议，引导当事人申请劳动仲裁";
					case "PETITION" -> "属信访事项，转县信访局办理";
					case "ADMINISTRATIVE" -> "属行政机关职责范围，转主管部门处理";
					default -> "一方已向人民法院起诉，不再受理调解";
				};
			}

			private String climbReason(Rung from) {
				return switch (from) {
					case GROUP_TEAM -> "调解小组调解未果，提交村调解中心";
					case VILLAGE_CENTRE -> oneOf("双方分歧较大，村级调解未果，提请镇调委会调解", "一方不认可村调解中心意见，申请镇调委会调解");
					case TOWN_COMMITTEE -> oneOf("经镇调委会多次调解双方仍未达成一致，提请县矛调中心调解", "案情复杂、涉及多个部门，提请县矛调中心调解");
					case COUNTY -> "调解未果";
				};
			}

		}

		// --- the facts of a dispute
		// -----------------------------------------------------------------------------

		private Village village() {
			double x = random.nextDouble() * cumulativePopulation[cumulativePopulation.length - 1];
			for (int i = 0; i < cumulativePopulation.length; i++) {
				if (x < cumulativePopulation[i]) {
					return villages.get(i);
				}
			}
			return villages.get(villages.size() - 1);
		}

		private Village otherVillage(Village v) {
			List<Village> others = villagesOfTownship.get(v.townshipCode()).stream().filter(o -> o != v).toList();
			return others.isEmpty() ? otherTownship(v) : others.get(random.nextInt(others.size()));
		}

		private Village otherTownship(Village v) {
			List<Village> others = villages.stream().filter(o -> !o.townshipCode().equals(v.townshipCode())).toList();
			return others.isEmpty() ? v : others.get(random.nextInt(others.size()));
		}

		private DisputeType type(Village v) {
			DisputeType[] types = TYPE_WEIGHTS.keySet().toArray(DisputeType[]::new);
			double[] weights = new double[types.length];
			for (int i = 0; i < types.length; i++) {
				double w = TYPE_WEIGHTS.get(types[i]);
				if (v.community()) {
					w *= switch (types[i]) {
						case LAND_FOREST, HOUSING_HOMESTEAD, LAND_ACQUISITION -> 0.2;
						case PROPERTY_MANAGEMENT -> 4;
						case CONSUMER, TRAFFIC_ACCIDENT -> 2;
						default -> 1;
					};
				}
				else if (types[i] == DisputeType.PROPERTY_MANAGEMENT) {
					w = 0.1;
				}
				weights[i] = w;
			}
			return pick(types, weights);
		}

		private int people(DisputeType type, int parties) {
			double x = random.nextDouble();
			if (GROUP_TYPES.contains(type)) {
				if (x < 0.05) {
					return 30 + random.nextInt(51);
				}
				if (x < 0.35) {
					return Math.max(parties, 5 + random.nextInt(12));
				}
			}
			else if (x < 0.002) {
				return 30 + random.nextInt(15);
			}
			if (x > 0.82) {
				return Math.max(parties, 3 + random.nextInt(8));
			}
			return parties;
		}

		private BigDecimal amount(DisputeType type, int people) {
			double[] range = switch (type) {
				case NEIGHBOURS -> new double[] { 0.6, 500, 20_000 };
				case MARRIAGE_FAMILY -> new double[] { 0.5, 5_000, 120_000 };
				case LAND_FOREST -> new double[] { 0.4, 1_000, 30_000 };
				case HOUSING_HOMESTEAD -> new double[] { 0.5, 5_000, 80_000 };
				case CONTRACT -> new double[] { 0.05, 2_000, 100_000 };
				case LABOUR -> new double[] { 0, 3_000 * Math.min(people, 10), 12_000 * Math.min(people, 10) };
				case DAMAGES -> new double[] { 0.1, 1_000, 30_000 };
				case TRAFFIC_ACCIDENT -> new double[] { 0.05, 2_000, 60_000 };
				case PROPERTY_MANAGEMENT -> new double[] { 0.3, 1_000, 20_000 };
				case CONSUMER -> new double[] { 0.1, 500, 10_000 };
				case BUSINESS -> new double[] { 0.1, 10_000, 300_000 };
				case VILLAGE_AFFAIRS -> new double[] { 0.5, 5_000, 100_000 };
				case LAND_ACQUISITION -> new double[] { 0.2, 50_000, 800_000 };
				case ENVIRONMENT -> new double[] { 0.6, 5_000, 50_000 };
				case MEDICAL -> new double[] { 0.1, 5_000, 80_000 };
				case OTHER -> new double[] { 0.5, 1_000, 20_000 };
			};
			if (random.nextDouble() < range[0]) {
				return null;
			}
			double low = range[1], high = range[2];
			if (random.nextDouble() < 0.02) {
				low = 100_000;
				high = 400_000;
			}
			double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
			return BigDecimal.valueOf(Math.round(value / 100) * 100L).setScale(2);
		}

		private String description(DisputeType type, int people, String source) {
			List<String> templates = DESCRIPTIONS.get(type);
			String text = templates.get(random.nextInt(templates.size())).replace("{n}", Integer.toString(people));
			double risk = random.nextDouble();
			if (risk < THREATENED[year]) {
				text += "，" + THREATS.get(random.nextInt(THREATS.size()));
			}
			else if (risk < SCUFFLED[year]) {
				text += "，" + SCUFFLES.get(random.nextInt(SCUFFLES.size()));
			}
			else if (GROUP_TYPES.contains(type) && people >= 5 && risk < 0.25) {
				text += "，部分群众准备上访讨说法";
			}
			return switch (source) {
				case "POLICE" -> "派出所接警后移交调解：" + text;
				case "COURT" -> "法院委派诉前调解：" + text;
				case "WHISTLE" -> "群众吹哨反映：" + text;
				case "APPLICATION" -> "当事人申请调解：" + text;
				default -> text;
			};
		}

		private List<Party> parties(DisputeType type, Village village, List<String> partyVillages) {
			List<Party> list = new ArrayList<>();
			String familySurname = type == DisputeType.MARRIAGE_FAMILY && random.nextBoolean()
					? String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length()))) : null;
			for (int i = 0; i < partyVillages.size(); i++) {
				String side = i == 0 ? "APPLICANT"
						: i == 1 ? "RESPONDENT" : random.nextBoolean() ? "APPLICANT" : "RESPONDENT";
				String partyVillage = partyVillages.get(i);
				Village home = partyVillage.equals(village.code()) ? village
						: villages.stream().filter(v -> v.code().equals(partyVillage)).findFirst().orElse(village);
				if (i == 1 && organisationRespondent(type)) {
					list.add(new Party(side, "ORGANISATION", organisation(type, home), null, phone(), partyVillage,
							null));
					continue;
				}
				list.add(new Party(side, "PERSON", personName(familySurname), idNumber(),
						random.nextDouble() < 0.9 ? phone() : null, partyVillage, address(home)));
			}
			return list;
		}

		private boolean organisationRespondent(DisputeType type) {
			return switch (type) {
				case PROPERTY_MANAGEMENT -> true;
				case LABOUR, CONSUMER, ENVIRONMENT, MEDICAL -> random.nextDouble() < 0.35;
				default -> false;
			};
		}

		private String organisation(DisputeType type, Village home) {
			String[] names = switch (type) {
				case PROPERTY_MANAGEMENT -> new String[] { "靖边县安居物业服务有限公司", "靖边县统万物业管理有限公司", "陕西华庭物业服务有限公司靖边分公司" };
				case LABOUR -> new String[] { "靖边县鑫源建筑工程有限公司", "靖边县宏达劳务有限公司", "靖边县绿野农业开发有限公司" };
				case CONSUMER -> new String[] { "靖边县惠民家电商行", "靖边县丰收农资经销部", "靖边县百姓超市" };
				case ENVIRONMENT -> new String[] { home.shortName() + "养殖场", "靖边县鑫磊砂石料厂", "靖边县顺通建设工程有限公司" };
				default -> new String[] { home.shortName() + "卫生室", "靖边县康民诊所" };
			};
			return names[random.nextInt(names.length)];
		}

		private String personName(String surname) {
			String s = surname != null ? surname : String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
			String name = s + GIVEN.charAt(random.nextInt(GIVEN.length()));
			return random.nextBoolean() ? name + GIVEN.charAt(random.nextInt(GIVEN.length())) : name;
		}

		private String idNumber() {
			while (true) {
				String id = PersonalData.idNumber("610824", LocalDate.of(1948, 1, 1).plusDays(random.nextInt(365 * 55)),
						random.nextInt(1000));
				if (idNumbers.add(id)) {
					return id;
				}
			}
		}

		private String phone() {
			return PHONE_PREFIXES[random.nextInt(PHONE_PREFIXES.length)]
					+ String.format("%08d", random.nextInt(100_000_000));
		}

		private String address(Village home) {
			return home.community() ? home.shortName() + (1 + random.nextInt(20)) + "号楼"
					: home.shortName() + "第" + "一二三四五六七八".charAt(random.nextInt(8)) + "村民小组";
		}

		private String reference(String prefix, Instant at) {
			int year = LocalDate.ofInstant(at, zone).getYear();
			int n = referenceNumbers.merge(prefix + year, 1, Integer::sum);
			return String.format("DEMO-%s-%d-%04d", prefix, year, n);
		}

		private String trackingCode() {
			while (true) {
				StringBuilder code = new StringBuilder(12);
				for (int i = 0; i < 12; i++) {
					code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
				}
				if (trackingCodes.add(code.toString())) {
					return code.toString();
				}
			}
		}

		private List<Mediator> mediatorsOf(String bodyCode) {
			return bodyCode == null ? List.of() : mediatorsOfBody.computeIfAbsent(bodyCode, bodies::mediatorsOf);
		}

		// --- time
		// -------------------------------------------------------------------------------------------------

		/**
		 * A moment some days after {@code from}, moved into working hours (8:00 to 18:00)
		 * and always after it.
		 */
		private Instant after(Instant from, double minDays, double maxDays) {
			long minutes = (long) ((minDays + random.nextDouble() * (maxDays - minDays)) * 1440);
			ZonedDateTime z = from.plus(Duration.ofMinutes(Math.max(5, minutes)))
				.plusSeconds(random.nextInt(60))
				.atZone(zone);
			if (z.getHour() < 8) {
				z = z.withHour(8).withMinute(random.nextInt(60));
			}
			else if (z.getHour() >= 18) {
				z = z.plusDays(1).withHour(8).withMinute(random.nextInt(60));
			}
			Instant t = z.toInstant();
			return t.isAfter(from) ? t : from.plus(Duration.ofMinutes(5 + random.nextInt(55)));
		}

		// --- choosing
		// -------------------------------------------------------------------------------------------

		private <T> T pick(T[] values, double[] weights) {
			double total = 0;
			for (double w : weights) {
				total += w;
			}
			double x = random.nextDouble() * total;
			for (int i = 0; i < values.length; i++) {
				x -= weights[i];
				if (x < 0) {
					return values[i];
				}
			}
			return values[values.length - 1];
		}

		private String oneOf(String... values) {
			return values[random.nextInt(values.length)];
		}

		void insert() {
			caseHistory.load(new CaseHistoryImport.History(rooms, disputes, parties, events, mediators, sessions,
					agreements, followUps));
		}

	}

	// --- helpers
	// -------------------------------------------------------------------------------------------------

	private static void weight(DisputeType type, double weight, String... descriptions) {
		TYPE_WEIGHTS.put(type, weight);
		DESCRIPTIONS.put(type, List.of(descriptions));
	}

	private static String shortName(String committee) {
		return committee.replace("居委会", "").replace("村委会", "村");
	}

	private static String strip(String name, String suffix) {
		return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
	}

	private static String percent(int part, int whole) {
		return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
	}

}
