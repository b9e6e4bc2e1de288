package org.fengqiao.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.fengqiao.geo.GridDirectory;
import org.fengqiao.geo.GridDirectory.GridInfo;
import org.fengqiao.geo.GridDirectory.PoliceGridInfo;
import org.fengqiao.organisation.OrganisationImport;
import org.fengqiao.organisation.OrganisationImport.DutyShift;
import org.fengqiao.organisation.OrganisationImport.NewAssignment;
import org.fengqiao.organisation.OrganisationImport.NewPerson;
import org.fengqiao.organisation.OrganisationImport.NewUnit;
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
 * Loads the demo organisation of Jingbian, consistent with the seed article: units, grid
 * chiefs on five levels, a grid worker per grid, 62 community officers and 189 auxiliary
 * officers over 206 police grids, 19 officers seconded to village committees, 161
 * six-matrix specialists, mediators on every rung with third-party mediators, 12 security
 * committees, a volunteer police team, 6 red-armband patrol teams, and four weeks of duty
 * rosters. A few breaches are deliberate, so the compliance report has something to show.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoOrganisation implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

	static final String BUREAU = "PB-610824";

	static final String COUNTY_CENTRE = "CO-610824-MTZX";

	static final String XIJIAO = "610824010000";

	/**
	 * Stations whose force is deliberately short of community police, and grids left
	 * without an officer.
	 */
	static final String UNDERSTAFFED_STATION = "610824030000";

	static final int COMMUNITY_OFFICERS = 62, AUXILIARY_OFFICERS = 189, SECONDED = 19;

	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈姜崔谭陆范汪石金贾夏付方白孟秦侯江尹薛闫段雷史陶贺毛郝";

	private static final String GIVEN = "建国军华明强伟平刚勇峰磊涛斌超亮鹏飞志红霞丽娟芳燕玲敏静秀英兰梅凤莉艳春秋冬宁安康宝成玉海波文武德福祥瑞";

	private final GridDirectory directory;

	private final OrganisationImport organisation;

	private final Clock clock;

	private final Random random = new Random(610_824_2L);

	private final Set<String> idNumbers = new HashSet<>();

	DemoOrganisation(GridDirectory directory, OrganisationImport organisation, Clock clock) {
		this.directory = directory;
		this.organisation = organisation;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (organisation.hasUnit(BUREAU) || directory.grids(1).isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		LocalDate today = LocalDate.now(clock);
		LocalDate since = today.minusYears(1).withDayOfMonth(1);

		var divisions = directory.divisions();
		Map<String, String> divisionName = new HashMap<>();
		divisions.forEach(d -> divisionName.put(d.code(), d.name()));
		List<GridDirectory.DivisionInfo> townships = divisions.stream()
			.filter(d -> d.level().equals("TOWNSHIP"))
			.toList();
		List<GridDirectory.DivisionInfo> villages = divisions.stream()
			.filter(d -> d.level().equals("VILLAGE"))
			.toList();
		List<GridDirectory.PoliceStationInfo> stations = directory.stations();
		List<PoliceGridInfo> policeGrids = directory.policeGrids();

		// Units.
		organisation.add(new NewUnit("CO-610824-ZFW", "中共靖边县委政法委员会", "COUNTY_OFFICE", null, "610824", null));
		organisation
			.add(new NewUnit("CO-610824-ZZZX", "靖边县社会治安综合治理中心", "COUNTY_OFFICE", "CO-610824-ZFW", "610824", null));
		organisation
			.add(new NewUnit(COUNTY_CENTRE, "靖边县社会矛盾纠纷调处化解中心", "COUNTY_CENTRE", "CO-610824-ZZZX", "610824", null));
		organisation.add(new NewUnit(BUREAU, "靖边县公安局", "POLICE_BUREAU", null, "610824", null));
		for (var s : stations) {
			organisation
				.add(new NewUnit("PS-" + s.code(), s.name(), "POLICE_STATION", BUREAU, s.divisionCode(), s.code()));
		}
		for (String[] d : new String[][] { { "DEP-HEALTH", "靖边县卫生健康局" }, { "DEP-URBAN", "靖边县城市管理执法局" },
				{ "DEP-MARKET", "靖边县市场监督管理局" }, { "DEP-JUSTICE", "靖边县司法局" } }) {
			organisation.add(new NewUnit(d[0], d[1], "DEPARTMENT", null, "610824", null));
		}
		for (var t : townships) {
			organisation.add(new NewUnit("TG-" + t.code(), t.name() + (t.name().endsWith("街道") ? "办事处" : "人民政府"),
					"TOWNSHIP_GOVERNMENT", null, t.code(), null));
			organisation.add(new NewUnit("TC-" + t.code(), t.name() + "人民调解委员会", "TOWN_COMMITTEE", "TG-" + t.code(),
					t.code(), null));
		}
		for (var v : villages) {
			organisation.add(new NewUnit("VC-" + v.code(), v.name(), "VILLAGE_COMMITTEE", "TG-" + v.parentCode(),
					v.code(), null));
			organisation.add(new NewUnit("VM-" + v.code(), shortName(v.name()) + "矛盾纠纷调解中心", "VILLAGE_CENTRE",
					"TC-" + v.parentCode(), v.code(), null));
		}
		// Villagers' group mediation teams where micro-grids (villagers' groups) are
		// drawn in the rural pilot town.
		List<GridInfo> microGrids = directory.grids(5);
		List<String> groupTeams = new ArrayList<>();
		for (GridInfo micro : microGrids) {
			if (micro.code().startsWith("610824103") && micro.code().endsWith("01")) {
				String code = "GT-" + micro.code();
				organisation.add(new NewUnit(code, micro.name().replace("微网格", "调解小组"), "GROUP_TEAM",
						"VM-" + micro.divisionCode(), micro.code(), null));
				groupTeams.add(code);
			}
		}
		List<String> urbanCommunities = villages.stream()
			.filter(v -> v.parentCode().equals("610824001") && v.kind().equals("COMMUNITY"))
			.map(v -> v.code())
			.toList();
		for (int i = 1; i <= 12; i++) {
			organisation.add(new NewUnit(String.format("SC-%02d", i),
					shortName(divisionName.get(urbanCommunities.get(i - 1))) + "治安保卫委员会", "SECURITY_COMMITTEE",
					"PS-" + XIJIAO, urbanCommunities.get(i - 1), XIJIAO));
		}
		organisation
			.add(new NewUnit("VPT-01", "西郊派出所志愿警察队", "VOLUNTEER_POLICE_TEAM", "PS-" + XIJIAO, "610824001", XIJIAO));
		for (int i = 1; i <= 6; i++) {
			organisation.add(new NewUnit(String.format("RAT-%02d", i), "红袖标巡逻队第" + i + "队", "RED_ARMBAND_TEAM",
					"PS-" + XIJIAO, urbanCommunities.get(i + 3), XIJIAO));
		}

		// Grid chiefs on all five levels and a grid worker per basic grid (three grids
		// deliberately without one).
		Map<String, Long> workerOfGrid = new LinkedHashMap<>();
		for (int level = 1; level <= 5; level++) {
			for (GridInfo g : directory.grids(level)) {
				String unit = switch (level) {
					case 1 -> "CO-610824-ZZZX";
					case 2 -> "TG-" + g.divisionCode();
					default -> "VC-" + g.divisionCode();
				};
				long chief = person(g.chiefName() != null ? g.chiefName() : name(), unit, Set.of("GRID_CHIEF"),
						Set.of(), null);
				assign(chief, "GRID_CHIEF", g.code(), null, null, null, null, level >= 4 ? Boolean.FALSE : null, since);
			}
		}
		List<GridInfo> basicGrids = directory.grids(4);
		Set<String> withoutWorker = Set.of(basicGrids.get(basicGrids.size() - 1).code(),
				basicGrids.get(basicGrids.size() - 7).code(), basicGrids.get(basicGrids.size() - 13).code());
		for (GridInfo g : basicGrids) {
			if (withoutWorker.contains(g.code())) {
				continue;
			}
			boolean urban = g.code().startsWith("610824001") && g.divisionCode().substring(9).compareTo("200") < 0;
			long worker = person(name(), "VC-" + g.divisionCode(), Set.of("GRID_WORKER"), Set.of(), null);
			assign(worker, "GRID_WORKER", g.code(), null, null, null, null, urban, since);
			workerOfGrid.put(g.code(), worker);
		}

		// Community officers and auxiliary officers over the police grids.
		List<PoliceGridInfo> urbanPolice = policeGrids.subList(0, 28);
		List<PoliceGridInfo> ruralPolice = policeGrids.subList(28, policeGrids.size());
		Map<String, List<PoliceGridInfo>> ruralByStation = ruralPolice.stream()
			.collect(Collectors.groupingBy(PoliceGridInfo::stationCode, LinkedHashMap::new, Collectors.toList()));
		Map<String, Integer> officersOfStation = allocate(ruralByStation, COMMUNITY_OFFICERS - urbanPolice.size());
		Set<String> uncovered = new HashSet<>();
		ruralByStation.values()
			.stream()
			.skip(4)
			.limit(2)
			.forEach(list -> uncovered.add(list.get(list.size() - 1).code()));
		Map<String, Long> officerOfPoliceGrid = new HashMap<>();
		Map<String, Integer> communityForce = new HashMap<>();
		for (PoliceGridInfo pg : urbanPolice) {
			long officer = officer(pg.stationCode(), true);
			assign(officer, "POLICE_GRID_OFFICER", null, pg.code(), null, null, null, null, since);
			officerOfPoliceGrid.put(pg.code(), officer);
			communityForce.merge(pg.stationCode(), 1, Integer::sum);
		}
		for (var entry : ruralByStation.entrySet()) {
			List<PoliceGridInfo> list = entry.getValue();
			int n = officersOfStation.get(entry.getKey());
			for (int i = 0; i < n; i++) {
				long officer = officer(entry.getKey(), true);
				communityForce.merge(entry.getKey(), 1, Integer::sum);
				for (int j = i * list.size() / n; j < (i + 1) * list.size() / n; j++) {
					if (!uncovered.contains(list.get(j).code())) {
						assign(officer, "POLICE_GRID_OFFICER", null, list.get(j).code(), null, null, null, null, since);
						officerOfPoliceGrid.putIfAbsent(list.get(j).code(), officer);
					}
				}
			}
		}
		int auxiliaries = 0;
		for (PoliceGridInfo pg : ruralPolice) {
			if (!uncovered.contains(pg.code())) {
				long aux = person(name(), "PS-" + pg.stationCode(), Set.of("AUXILIARY_OFFICER"), Set.of(), null);
				assign(aux, "POLICE_GRID_OFFICER", null, pg.code(), null, null, null, null, since);
				auxiliaries++;
			}
		}
		for (int i = 0; auxiliaries < AUXILIARY_OFFICERS; i++, auxiliaries++) {
			PoliceGridInfo pg = urbanPolice.get(i % urbanPolice.size());
			long aux = person(name(), "PS-" + pg.stationCode(), Set.of("AUXILIARY_OFFICER"), Set.of(), null);
			assign(aux, "POLICE_GRID_OFFICER", null, pg.code(), null, null, null, null, since);
		}
		// The rest of each station's force (patrol, investigation): community police stay
		// ≥ 40%, but one station falls short.
		for (var s : stations) {
			int community = communityForce.getOrDefault(s.code(), 0);
			int others = s.code().equals(UNDERSTAFFED_STATION) ? community * 2 : (int) Math.ceil(community * 1.2);
			for (int i = 0; i < others; i++) {
				officer(s.code(), false);
			}
		}
		long xijiaoChief = person("高建军", "PS-" + XIJIAO, Set.of("OFFICER"), Set.of(), null);

		// Police rooms: each staffed by its police grid's officer.
		for (var room : directory.policeRooms()) {
			Long officer = officerOfPoliceGrid.get(room.policeGridCode());
			if (officer != null) {
				assign(officer, "POLICE_ROOM_STAFF", null, null, room.code(), null, null, null, since);
			}
		}
		// Party + police: 19 urban officers serve as deputy members of their community's
		// committee.
		Map<String, String> communityOfPoliceGrid = new HashMap<>();
		basicGrids.forEach(g -> communityOfPoliceGrid.putIfAbsent(g.policeGridCode(), g.divisionCode()));
		for (int i = 0; i < SECONDED; i++) {
			PoliceGridInfo pg = urbanPolice.get(i);
			assign(officerOfPoliceGrid.get(pg.code()), "SECONDMENT", null, null, null,
					"VC-" + communityOfPoliceGrid.get(pg.code()), null, null, since);
		}

		// The six-sided matrix: six specialists per level-3 grid of the county seat (one
		// post left empty).
		List<String> matrixVillages = villages.stream()
			.filter(v -> v.parentCode().equals("610824001"))
			.map(v -> v.code())
			.limit(27)
			.toList();
		for (String village : matrixVillages) {
			for (String specialty : OrganisationImport.SPECIALTIES) {
				if (village.equals(matrixVillages.get(5)) && specialty.equals("MARKET_SUPERVISION")) {
					continue;
				}
				String unit = switch (specialty) {
					case "GOVERNANCE_SERVICE" -> "TG-610824001";
					case "PUBLIC_SECURITY" -> "PS-" + XIJIAO;
					case "HEALTH" -> "DEP-HEALTH";
					case "URBAN_ENFORCEMENT" -> "DEP-URBAN";
					case "MARKET_SUPERVISION" -> "DEP-MARKET";
					case "DISPUTE_MEDIATION" -> "DEP-JUSTICE";
					default -> throw new IllegalStateException("No unit for " + specialty);
				};
				long specialist = person(name(), unit, Set.of("SPECIALIST"), Set.of(), null);
				assign(specialist, "SPECIALIST", village + "00", null, null, null, specialty, null, since);
			}
		}

		// Mediators on every rung, and the pool of third-party mediators.
		Map<String, Long> villageMediators = new LinkedHashMap<>();
		for (var t : townships) {
			for (int i = 0; i < 3; i++) {
				long m = person(name(), "TC-" + t.code(), Set.of("MEDIATOR"), Set.of(), null);
				assign(m, "MEDIATOR", null, null, null, "TC-" + t.code(), null, null, since);
			}
		}
		for (var v : villages) {
			long m = person(name(), "VM-" + v.code(), Set.of("MEDIATOR"), Set.of(), null);
			assign(m, "MEDIATOR", null, null, null, "VM-" + v.code(), null, null, since);
			villageMediators.put(v.code(), m);
		}
		for (String team : groupTeams) {
			long m = person(name(), team, Set.of("MEDIATOR"), Set.of(), null);
			assign(m, "MEDIATOR", null, null, null, team, null, null, since);
		}
		String[][] pool = { { "LAWYER", "6" }, { "LEGAL_WORKER", "10" }, { "DEPUTY", "8" }, { "CPPCC_MEMBER", "5" } };
		for (String[] kind : pool) {
			for (int i = 0; i < Integer.parseInt(kind[1]); i++) {
				long m = person(name(), "DEP-JUSTICE", Set.of("THIRD_PARTY_MEDIATOR"), Set.of(), kind[0]);
				String town = townships.get(random.nextInt(townships.size())).code();
				assign(m, "MEDIATOR", null, null, null, "TC-" + town, null, null, since);
			}
		}

		// Volunteers of the social organisations.
		for (int i = 1; i <= 12; i++) {
			for (int j = 0; j < 3; j++) {
				person(name(), String.format("SC-%02d", i), Set.of("VOLUNTEER"), Set.of(), null);
			}
		}
		for (int j = 0; j < 20; j++) {
			person(name(), "VPT-01", Set.of("VOLUNTEER"), Set.of(), null);
		}
		for (int i = 1; i <= 6; i++) {
			for (int j = 0; j < 8; j++) {
				person(name(), String.format("RAT-%02d", i), Set.of("VOLUNTEER"), Set.of(), null);
			}
		}

		rosters(today, officerOfPoliceGrid, policeGrids);

		// The county's mediation centre (added after the rest so the demo's other names
		// stay as they were).
		for (int i = 0; i < 4; i++) {
			long m = person(name(), COUNTY_CENTRE, Set.of("MEDIATOR"), Set.of(), null);
			assign(m, "MEDIATOR", null, null, null, COUNTY_CENTRE, null, null, since);
		}

		// Demo accounts belong to people.
		String urbanGrid = basicGrids.get(0).code();
		String ruralGrid = basicGrids.stream()
			.filter(g -> g.code().startsWith("610824103"))
			.findFirst()
			.orElseThrow()
			.code();
		String urbanPoliceGrid = basicGrids.get(0).policeGridCode();
		String ruralVillage = villages.stream()
			.filter(v -> v.parentCode().equals("610824103"))
			.findFirst()
			.orElseThrow()
			.code();
		link("worker1", workerOfGrid.get(urbanGrid));
		link("worker2", workerOfGrid.get(ruralGrid));
		link("officer1", officerOfPoliceGrid.get(urbanPoliceGrid));
		link("xijiao", xijiaoChief);
		link("mediator1", villageMediators.get(ruralVillage));
		link("ningtiaoliang", person("刘志强", "TG-610824103", Set.<String>of(), Set.of(), null));
		log.info("Loaded the demo organisation in {} ms", (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Four weeks back and one ahead: day shifts for community officers, round-the-clock
	 * shifts at workstations.
	 */
	private void rosters(LocalDate today, Map<String, Long> officerOfPoliceGrid, List<PoliceGridInfo> policeGrids) {
		List<DutyShift> rows = new ArrayList<>();
		Map<String, String> roomOfPoliceGrid = new HashMap<>();
		List<GridDirectory.PoliceRoomInfo> workstations = new ArrayList<>();
		for (var room : directory.policeRooms()) {
			roomOfPoliceGrid.putIfAbsent(room.policeGridCode(), room.code());
			if (room.kind().equals("WORKSTATION")) {
				workstations.add(room);
			}
		}
		Set<Long> officers = new java.util.TreeSet<>(officerOfPoliceGrid.values());
		// Three officers spend too little of their time in the community.
		Set<Long> shortOfCommunity = officers.stream().skip(3).limit(3).collect(Collectors.toSet());
		for (LocalDate day = today.minusDays(28); day.isBefore(today.plusDays(7)); day = day.plusDays(1)) {
			for (Long officer : officers) {
				String pg = officerOfPoliceGrid.entrySet()
					.stream()
					.filter(e -> e.getValue().equals(officer))
					.map(Map.Entry::getKey)
					.findFirst()
					.orElseThrow();
				ZonedDateTime from = day.atTime(8, 0).atZone(clock.getZone());
				// A fixed pattern, not a draw: every window of four weeks shows the same
				// breaches, whatever day the demo
				// is loaded and whatever the hour the report is read (the draw is kept so
				// the rest of the demo is unchanged).
				random.nextDouble();
				long dayIndex = java.time.temporal.ChronoUnit.DAYS.between(today, day);
				boolean community = shortOfCommunity.contains(officer) ? Math.floorMod(dayIndex, 2) == 0
						: Math.floorMod(dayIndex + officer, 10) != 0;
				String room = roomOfPoliceGrid.get(pg);
				rows.add(new DutyShift(officer, room, pg, room == null ? "MOBILE" : "FIXED_POST", from.toInstant(),
						from.plusHours(10).toInstant(), community));
			}
			for (var ws : workstations) {
				Long officer = officerOfPoliceGrid.get(ws.policeGridCode());
				if (officer == null) {
					continue;
				}
				for (int shift = 0; shift < 3; shift++) {
					ZonedDateTime from = day.atStartOfDay(clock.getZone()).plusHours(8L * shift);
					rows.add(new DutyShift(officer, ws.code(), ws.policeGridCode(), "FIXED_POST", from.toInstant(),
							from.plusHours(8).toInstant(), true));
				}
			}
		}
		organisation.addDutyShifts(rows);
	}

	/**
	 * Binds a demo account to its person: one call, whatever the organisation stores it
	 * in.
	 */
	private void link(String username, long personId) {
		organisation.linkAccount(username, personId);
	}

	private long officer(String stationCode, boolean community) {
		Set<String> duties = new java.util.TreeSet<>();
		if (community) {
			List<String> all = new ArrayList<>(OrganisationImport.OFFICER_DUTIES);
			all.sort(Comparator.naturalOrder());
			for (String duty : all) {
				if (random.nextDouble() < 0.75) {
					duties.add(duty);
				}
			}
		}
		return person(name(), "PS-" + stationCode, Set.of("OFFICER"), duties, null);
	}

	private long person(String name, String unit, Set<String> roles, Set<String> duties, String thirdParty) {
		return organisation.register(new NewPerson(name, random.nextBoolean() ? "M" : "F", unit, idNumber(), phone(),
				roles, duties, thirdParty));
	}

	private void assign(long person, String kind, String grid, String policeGrid, String room, String unit,
			String specialty, Boolean fullTime, LocalDate from) {
		organisation.assign(new NewAssignment(person, kind, grid, policeGrid, room, unit, specialty, fullTime, from));
	}

	/** Largest-remainder shares of the officers among stations, at least one each. */
	private static Map<String, Integer> allocate(Map<String, List<PoliceGridInfo>> byStation, int officers) {
		int total = byStation.values().stream().mapToInt(List::size).sum();
		Map<String, Integer> shares = new LinkedHashMap<>();
		byStation.forEach((station, list) -> shares.put(station, Math.max(1, list.size() * officers / total)));
		int left = officers - shares.values().stream().mapToInt(Integer::intValue).sum();
		List<String> order = new ArrayList<>(byStation.keySet());
		order.sort(Comparator.comparingDouble(s -> -((double) byStation.get(s).size() * officers / total % 1)));
		for (int i = 0; left > 0; i = (i + 1) % order.size(), left--) {
			shares.merge(order.get(i), 1, Integer::sum);
		}
		return shares;
	}

	private String idNumber() {
		while (true) {
			String id = PersonalData.idNumber("610824", LocalDate.of(1962, 1, 1).plusDays(random.nextInt(365 * 38)),
					random.nextInt(1000));
			if (idNumbers.add(id)) {
				return id;
			}
		}
	}

	private String phone() {
		String[] prefixes = { "135", "136", "138", "139", "150", "152", "158", "182", "187", "189", "191" };
		return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
	}

	private String name() {
		String name = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())))
				+ GIVEN.charAt(random.nextInt(GIVEN.length()));
		return random.nextBoolean() ? name + GIVEN.charAt(random.nextInt(GIVEN.length())) : name;
	}

	private static String shortName(String committee) {
		return committee.replace("居委会", "").replace("村委会", "村");
	}

}
