package org.fengqiao.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.fengqiao.geo.CountyGeometry;
import org.fengqiao.geo.GeographyImport.Division;
import org.fengqiao.geo.GeographyImport.Geography;
import org.fengqiao.geo.GeographyImport.Grid;
import org.fengqiao.geo.GeographyImport.PoliceGrid;
import org.fengqiao.geo.GeographyImport.PoliceRoom;
import org.fengqiao.geo.GeographyImport.PoliceStation;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

/**
 * Generates the Jingbian demo geography: the real county boundary, the real 17 townships
 * and 204 villages/communities with their real codes and names, and plausible generated
 * polygons for everything no public source has (townships, villages, grids, micro-grids,
 * police grids), deterministically from one seed.
 *
 * <p>
 * Every layer is a partition of its parent, built as a Voronoi diagram of relaxed seed
 * points clipped to the parent, so the layers cover the county without gaps or overlaps.
 * The urban area of 张家畔街道 is cut into 76 basic grids; its 16 communities and its 28
 * police grids are both unions of those grids, which makes the grid fusion exact. Rural
 * police grids are villages (a few pairs of small villages share one).
 */
final class DemoGeography {

	static final long SEED = 610_824L;

	static final String COUNTY_CODE = "610824";

	static final String SUBDISTRICT_CODE = "610824001";

	static final int URBAN_GRIDS = 76;

	static final int URBAN_POLICE_GRIDS = 28;

	static final int URBAN_POLICE_ROOMS = 19;

	static final int RURAL_POLICE_ROOMS = 178;

	static final int WORKSTATIONS = 12;

	static final int TARGET_POPULATION = 384_000;

	/** The county seat 张家畔 (lon, lat). */
	static final Coordinate SEAT = new Coordinate(108.80, 37.60);

	/**
	 * The rural pilot town, which has micro-grids (villagers' groups) like the urban
	 * area.
	 */
	static final String PILOT_TOWN = "610824103";

	private static final String[] SCHOOLS = { "靖边中学", "靖边第二中学", "靖边第三中学", "靖边第四中学", "靖边第五中学", "靖边县职业教育中心" };

	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文施洪辛柯庄";

	private static final String GIVEN = "建国军华明强伟平刚勇峰磊涛斌超亮鹏飞志红霞丽娟芳燕玲敏静秀英兰梅凤莉艳春秋冬宁安康宝成玉海波文武德福祥瑞";

	private final Random random = new Random(SEED);

	private final Geometry county;

	private final List<String[]> townshipRows;

	private final List<String[]> villageRows;

	private DemoGeography(Geometry county, List<String[]> townshipRows, List<String[]> villageRows) {
		this.county = county;
		this.townshipRows = townshipRows;
		this.villageRows = villageRows;
	}

	/** The Jingbian demo geography from the data shipped in the application. */
	static Geography jingbian() {
		Geometry boundary = CountyGeometry.readGeoJson(resource("demo/jingbian/boundary.geojson")).get(0);
		return new DemoGeography(boundary.isValid() ? boundary : boundary.buffer(0),
				csv(resource("demo/jingbian/townships.csv")), csv(resource("demo/jingbian/villages.csv")))
			.generate();
	}

	// ---------------------------------------------------------------------------------------------------------

	private Geography generate() {
		List<Division> divisions = new ArrayList<>();
		List<Grid> grids = new ArrayList<>();
		List<PoliceStation> stations = new ArrayList<>();
		List<PoliceGrid> policeGrids = new ArrayList<>();
		List<PoliceRoom> rooms = new ArrayList<>();

		Geometry urban = urbanArea();
		Map<String, Geometry> townships = townships(urban);

		// Villages and communities of each township.
		Map<String, List<String[]>> villagesByTownship = new LinkedHashMap<>();
		townshipRows.forEach(t -> villagesByTownship.put(t[0], new ArrayList<>()));
		villageRows.forEach(v -> villagesByTownship.get(v[2]).add(v));

		Map<String, Geometry> villagePolygons = new LinkedHashMap<>();
		Map<String, List<Geometry>> urbanGridsByCommunity = new LinkedHashMap<>();
		List<Geometry> urbanGridCells = partition(urban, URBAN_GRIDS, 8);
		int[] communityOfGrid = null;
		int[] policeGridOfUrbanGrid = null;
		for (String[] township : townshipRows) {
			String code = township[0];
			List<String[]> members = villagesByTownship.get(code);
			if (code.equals(SUBDISTRICT_CODE)) {
				List<String[]> communities = members.stream()
					.filter(v -> Division.kindOf(v[0]).equals("COMMUNITY"))
					.toList();
				List<String[]> villages = members.stream()
					.filter(v -> Division.kindOf(v[0]).equals("VILLAGE"))
					.toList();
				communityOfGrid = cluster(urbanGridCells, communities.size());
				policeGridOfUrbanGrid = cluster(urbanGridCells, URBAN_POLICE_GRIDS);
				List<List<Geometry>> byCommunity = groups(urbanGridCells, communityOfGrid, communities.size());
				List<Geometry> communityPolygons = byCommunity.stream().map(CountyGeometry::union).toList();
				List<Integer> order = readingOrder(communityPolygons);
				for (int i = 0; i < communities.size(); i++) {
					String villageCode = communities.get(i)[0];
					villagePolygons.put(villageCode, communityPolygons.get(order.get(i)));
					urbanGridsByCommunity.put(villageCode, byCommunity.get(order.get(i)));
				}
				Geometry rural = CountyGeometry.polygonal(townships.get(code).difference(urban));
				assignInReadingOrder(villages, partition(rural, villages.size(), 5), villagePolygons);
			}
			else {
				assignInReadingOrder(members, partition(townships.get(code), members.size(), 5), villagePolygons);
			}
		}

		// Divisions.
		divisions.add(new Division(COUNTY_CODE, "靖边县", Division.Level.COUNTY, "COUNTY", null, county));
		for (String[] t : townshipRows) {
			divisions.add(new Division(t[0], t[1], Division.Level.TOWNSHIP, Division.kindOf(t[0]), COUNTY_CODE,
					townships.get(t[0])));
		}
		for (String[] v : villageRows) {
			divisions.add(new Division(v[0], v[1], Division.Level.VILLAGE, Division.kindOf(v[0]), v[2],
					villagePolygons.get(v[0])));
		}

		// Police stations: two in town (west and east of the seat), one per town.
		Map<String, String> townshipName = new HashMap<>();
		townshipRows.forEach(t -> townshipName.put(t[0], t[1]));
		String west = "610824010000", east = "610824020000";
		stations.add(new PoliceStation(west, "西郊派出所", SUBDISTRICT_CODE, null));
		stations.add(new PoliceStation(east, "张家畔派出所", SUBDISTRICT_CODE, null));
		Map<String, String> stationOfTownship = new HashMap<>();
		int stationNumber = 3;
		for (String[] t : townshipRows) {
			if (!t[0].equals(SUBDISTRICT_CODE)) {
				String stationCode = COUNTY_CODE + String.format("%02d", stationNumber++) + "0000";
				stations.add(new PoliceStation(stationCode, t[1].replace("镇", "") + "派出所", t[0], null));
				stationOfTownship.put(t[0], stationCode);
			}
		}
		Map<String, Integer> policeGridSequence = new HashMap<>();
		Function<String, String> nextPoliceGridCode = station -> station.substring(0, 8)
				+ String.format("%04d", policeGridSequence.merge(station, 1, Integer::sum));

		// Urban police grids: groups of urban grids.
		List<List<Geometry>> urbanPoliceGroups = groups(urbanGridCells, policeGridOfUrbanGrid, URBAN_POLICE_GRIDS);
		List<Geometry> urbanPolicePolygons = urbanPoliceGroups.stream().map(CountyGeometry::union).toList();
		Map<Geometry, String> policeGridOfCell = new HashMap<>();
		for (int index : readingOrder(urbanPolicePolygons)) {
			Geometry polygon = urbanPolicePolygons.get(index);
			String station = polygon.getCentroid().getX() < SEAT.x ? west : east;
			String code = nextPoliceGridCode.apply(station);
			policeGrids.add(new PoliceGrid(code, "城区第" + (policeGrids.size() + 1) + "警格", station, polygon));
			urbanPoliceGroups.get(index).forEach(cell -> policeGridOfCell.put(cell, code));
		}

		// Rural police grids: one per village, except that the smallest villages share
		// with a neighbour.
		Map<String, String> policeGridOfVillage = ruralPoliceGrids(villagePolygons, stationOfTownship, west, east,
				nextPoliceGridCode, policeGrids);

		// Population: urban grids first, the rest spread over the villages.
		Map<Geometry, int[]> urbanHouseholds = new HashMap<>();
		int urbanPopulation = 0;
		for (Geometry cell : urbanGridCells) {
			int households = 480 + random.nextInt(280);
			int population = Math.min(2_450, (int) Math.round(households * (2.6 + random.nextDouble() * 0.5)));
			urbanHouseholds.put(cell, new int[] { households, population });
			urbanPopulation += population;
		}
		List<String[]> ruralVillages = villageRows.stream().filter(v -> !isUrban(v)).toList();
		Map<String, Integer> villagePopulation = spread(TARGET_POPULATION - urbanPopulation, ruralVillages.size())
			.entrySet()
			.stream()
			.collect(LinkedHashMap::new, (m, e) -> m.put(ruralVillages.get(e.getKey())[0], e.getValue()), Map::putAll);

		// Grids, level 4 and 5.
		List<Grid> basicGrids = new ArrayList<>();
		List<Grid> microGrids = new ArrayList<>();
		int schools = 0;
		for (String[] v : villageRows) {
			String villageCode = v[0];
			List<Geometry> cells;
			List<int[]> counts = new ArrayList<>();
			if (urbanGridsByCommunity.containsKey(villageCode)) {
				cells = new ArrayList<>(urbanGridsByCommunity.get(villageCode));
				cells.sort(readingComparator());
				cells.forEach(c -> counts.add(urbanHouseholds.get(c)));
			}
			else {
				int population = villagePopulation.get(villageCode);
				int households = (int) Math.round(population / 2.7);
				int parts = Math.max(1, Math.min(4, (int) Math.round(households / 350.0)));
				cells = parts == 1 ? List.of(villagePolygons.get(villageCode))
						: inReadingOrder(partition(villagePolygons.get(villageCode), parts, 4));
				spread(population, cells.size()).values()
					.forEach(p -> counts.add(new int[] { (int) Math.round(p / 2.7), p }));
			}
			for (int i = 0; i < cells.size(); i++) {
				Geometry cell = cells.get(i);
				String code = villageCode + String.format("%02d", i + 1);
				boolean urbanGrid = urbanGridsByCommunity.containsKey(villageCode);
				String policeGrid = urbanGrid ? policeGridOfCell.get(cell) : policeGridOfVillage.get(villageCode);
				String type = "BASIC";
				if (urbanGrid && i == 1 && schools < SCHOOLS.length) {
					type = "SCHOOL";
					schools++;
				}
				String name = shortName(v[1]) + "第" + (i + 1) + "网格";
				Grid grid = new Grid(code, name, Grid.BASIC, villageCode + "00", villageCode, type, counts.get(i)[0],
						counts.get(i)[1], personName(), policeGrid, cell);
				basicGrids.add(grid);
				if (urbanGrid || v[2].equals(PILOT_TOWN)) {
					microGrids.addAll(microGrids(grid));
				}
			}
		}

		// Grids, levels 1 to 3, with counts summed from below.
		Map<String, int[]> villageTotals = new HashMap<>();
		basicGrids.forEach(g -> villageTotals.merge(g.divisionCode(), new int[] { g.households(), g.population() },
				DemoGeography::add));
		Map<String, int[]> townshipTotals = new HashMap<>();
		villageRows.forEach(v -> townshipTotals.merge(v[2], villageTotals.get(v[0]), DemoGeography::add));
		int[] countyTotal = townshipTotals.values().stream().reduce(new int[2], DemoGeography::add);
		String countyGrid = Grid.codeOfDivision(COUNTY_CODE);
		grids.add(new Grid(countyGrid, "靖边县", Grid.COUNTY, null, COUNTY_CODE, "BASIC", countyTotal[0], countyTotal[1],
				personName(), null, county));
		for (String[] t : townshipRows) {
			int[] total = townshipTotals.get(t[0]);
			grids.add(new Grid(Grid.codeOfDivision(t[0]), t[1], Grid.TOWNSHIP, countyGrid, t[0], "BASIC", total[0],
					total[1], personName(), null, townships.get(t[0])));
		}
		for (String[] v : villageRows) {
			int[] total = villageTotals.get(v[0]);
			grids.add(new Grid(Grid.codeOfDivision(v[0]), shortName(v[1]), Grid.VILLAGE, Grid.codeOfDivision(v[2]),
					v[0], "BASIC", total[0], total[1], personName(), null, villagePolygons.get(v[0])));
		}
		grids.addAll(basicGrids);
		grids.addAll(microGrids);

		// Police rooms: urban rooms, rural rooms, 24-hour workstations, campus police
		// rooms.
		List<PoliceGrid> urbanPolice = policeGrids.subList(0, URBAN_POLICE_GRIDS);
		int roomNumber = 1;
		for (int i = 0; i < URBAN_POLICE_ROOMS; i++) {
			PoliceGrid pg = urbanPolice.get(i);
			rooms.add(room(roomNumber++, pg.name().replace("警格", "警务室"), PoliceRoom.Kind.POLICE_ROOM, true, pg,
					pg.boundary()));
		}
		Map<String, String> villageName = new HashMap<>();
		villageRows.forEach(v -> villageName.put(v[0], shortName(v[1])));
		Map<String, String> firstVillageOfPoliceGrid = new LinkedHashMap<>();
		policeGridOfVillage.forEach((village, pg) -> firstVillageOfPoliceGrid.putIfAbsent(pg, village));
		for (PoliceGrid pg : policeGrids.subList(URBAN_POLICE_GRIDS, policeGrids.size())) {
			String village = firstVillageOfPoliceGrid.get(pg.code());
			rooms.add(room(roomNumber++, villageName.get(village) + "警务室", PoliceRoom.Kind.POLICE_ROOM, false, pg,
					villagePolygons.get(village)));
		}
		for (int i = 0; i < WORKSTATIONS; i++) {
			PoliceGrid pg = i < URBAN_POLICE_GRIDS - URBAN_POLICE_ROOMS ? urbanPolice.get(URBAN_POLICE_ROOMS + i)
					: policeGrids.get(URBAN_POLICE_GRIDS + (i * 37) % (policeGrids.size() - URBAN_POLICE_GRIDS));
			rooms.add(room(roomNumber++, pg.name().replace("警格", "") + "24小时警务工作站", PoliceRoom.Kind.WORKSTATION,
					i < URBAN_POLICE_GRIDS - URBAN_POLICE_ROOMS, pg, pg.boundary()));
		}
		int school = 0;
		for (Grid grid : basicGrids) {
			if (grid.type().equals("SCHOOL")) {
				PoliceGrid pg = policeGrids.stream()
					.filter(p -> p.code().equals(grid.policeGridCode()))
					.findFirst()
					.orElseThrow();
				rooms.add(room(roomNumber++, SCHOOLS[school++] + "校园警务室", PoliceRoom.Kind.CAMPUS_POLICE_ROOM, true, pg,
						grid.boundary()));
			}
		}

		// Station areas.
		List<PoliceStation> withAreas = stations.stream()
			.map(s -> new PoliceStation(s.code(), s.name(), s.divisionCode(),
					CountyGeometry.union(policeGrids.stream()
						.filter(pg -> pg.stationCode().equals(s.code()))
						.map(PoliceGrid::boundary)
						.toList())))
			.toList();
		return new Geography(divisions, grids, withAreas, policeGrids, rooms);
	}

	private Map<String, String> ruralPoliceGrids(Map<String, Geometry> villagePolygons,
			Map<String, String> stationOfTownship, String west, String east, Function<String, String> nextCode,
			List<PoliceGrid> policeGrids) {
		List<String[]> rural = villageRows.stream().filter(v -> !isUrban(v)).toList();
		int merges = rural.size() - RURAL_POLICE_ROOMS;
		// The smallest villages (by area) join a neighbour of the same township; never
		// two merges on one village.
		List<String[]> bySize = new ArrayList<>(rural);
		bySize.sort(Comparator.comparingDouble(v -> villagePolygons.get(v[0]).getArea()));
		Map<String, String> partner = new HashMap<>();
		for (String[] v : bySize) {
			if (partner.size() / 2 >= merges) {
				break;
			}
			if (partner.containsKey(v[0])) {
				continue;
			}
			Geometry polygon = villagePolygons.get(v[0]);
			rural.stream()
				.filter(o -> o[2].equals(v[2]) && !o[0].equals(v[0]) && !partner.containsKey(o[0]))
				.filter(o -> villagePolygons.get(o[0]).intersection(polygon).getLength() > 0)
				.findFirst()
				.ifPresent(o -> {
					partner.put(v[0], o[0]);
					partner.put(o[0], v[0]);
				});
		}
		Map<String, String> policeGridOfVillage = new LinkedHashMap<>();
		for (String[] v : rural) {
			if (policeGridOfVillage.containsKey(v[0])) {
				continue;
			}
			Geometry polygon = villagePolygons.get(v[0]);
			String mate = partner.get(v[0]);
			if (mate != null) {
				polygon = CountyGeometry.union(List.of(polygon, villagePolygons.get(mate)));
			}
			String station = v[2].equals(SUBDISTRICT_CODE)
					? (villagePolygons.get(v[0]).getCentroid().getX() < SEAT.x ? west : east)
					: stationOfTownship.get(v[2]);
			String code = nextCode.apply(station);
			policeGrids.add(new PoliceGrid(code, shortName(v[1]) + (mate == null ? "" : "片") + "警格", station, polygon));
			policeGridOfVillage.put(v[0], code);
			if (mate != null) {
				policeGridOfVillage.put(mate, code);
			}
		}
		return policeGridOfVillage;
	}

	private List<Grid> microGrids(Grid grid) {
		int parts = Math.max(2, Math.min(30, (int) Math.ceil(grid.households() / 35.0)));
		List<Geometry> cells = inReadingOrder(partition(grid.boundary(), parts, 2));
		Map<Integer, Integer> households = spread(grid.households(), cells.size(), 0.3);
		List<Grid> micro = new ArrayList<>();
		int populationLeft = grid.population();
		for (int i = 0; i < cells.size(); i++) {
			int h = households.get(i);
			int p = i == cells.size() - 1 ? populationLeft
					: (int) Math.round((double) grid.population() * h / Math.max(1, grid.households()));
			populationLeft -= p;
			micro.add(new Grid(grid.code() + String.format("%02d", i + 1), grid.name() + (i + 1) + "号微网格", Grid.MICRO,
					grid.code(), grid.divisionCode(), "BASIC", h, Math.max(0, p), personName(), grid.policeGridCode(),
					cells.get(i)));
		}
		return micro;
	}

	private PoliceRoom room(int number, String name, PoliceRoom.Kind kind, boolean urban, PoliceGrid pg,
			Geometry within) {
		Point p = within.getInteriorPoint();
		return new PoliceRoom(COUNTY_CODE + "9" + String.format("%05d", number), name, kind, urban, pg.stationCode(),
				pg.code(), round(p.getX()), round(p.getY()));
	}

	// --- geometry
	// ---------------------------------------------------------------------------------------------

	private Geometry urbanArea() {
		int n = 32;
		Coordinate[] ring = new Coordinate[n + 1];
		for (int i = 0; i < n; i++) {
			double angle = 2 * Math.PI * i / n;
			double r = 0.9 + random.nextDouble() * 0.2;
			ring[i] = new Coordinate(round(SEAT.x + 0.055 * r * Math.cos(angle)),
					round(SEAT.y + 0.038 * r * Math.sin(angle)));
		}
		ring[n] = ring[0];
		return CountyGeometry.FACTORY.createPolygon(ring).intersection(county);
	}

	private Map<String, Geometry> townships(Geometry urban) {
		// The subdistrict's seed stays at the seat; the towns' seeds are relaxed to even
		// sizes.
		List<Coordinate> seeds = new ArrayList<>();
		seeds.add(SEAT);
		IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(county);
		Envelope box = county.getEnvelopeInternal();
		while (seeds.size() < townshipRows.size()) {
			Coordinate c = new Coordinate(box.getMinX() + random.nextDouble() * box.getWidth(),
					box.getMinY() + random.nextDouble() * box.getHeight());
			if (inside.locate(c) == Location.INTERIOR && seeds.stream().allMatch(s -> s.distance(c) > 0.12)) {
				seeds.add(c);
			}
		}
		List<Geometry> cells = List.of();
		for (int iteration = 0; iteration < 10; iteration++) {
			cells = voronoi(seeds, county);
			for (int i = 1; i < seeds.size(); i++) {
				seeds.set(i, cells.get(i).getCentroid().getCoordinate());
			}
		}
		cells = voronoi(seeds, county);
		// Towns in code order clockwise from north around the seat, which keeps
		// neighbours' codes apart.
		List<Integer> towns = new ArrayList<>();
		for (int i = 1; i < seeds.size(); i++) {
			towns.add(i);
		}
		final List<Coordinate> s = seeds;
		towns.sort(Comparator.comparingDouble(i -> -Math.atan2(s.get(i).x - SEAT.x, s.get(i).y - SEAT.y)));
		Map<String, Geometry> result = new LinkedHashMap<>();
		result.put(SUBDISTRICT_CODE, CountyGeometry.union(List.of(cells.get(0), urban)));
		int t = 0;
		for (String[] row : townshipRows) {
			if (!row[0].equals(SUBDISTRICT_CODE)) {
				result.put(row[0], CountyGeometry.polygonal(cells.get(towns.get(t++)).difference(urban)));
			}
		}
		return result;
	}

	/**
	 * Cuts an area into n cells of similar size: Voronoi cells of seed points relaxed by
	 * Lloyd's algorithm.
	 */
	private List<Geometry> partition(Geometry area, int n, int relaxations) {
		if (n == 1) {
			return List.of(area);
		}
		List<Coordinate> seeds = randomPoints(area, n);
		List<Geometry> cells = voronoi(seeds, area);
		for (int iteration = 0; iteration < relaxations; iteration++) {
			for (int i = 0; i < n; i++) {
				if (!cells.get(i).isEmpty()) {
					seeds.set(i, cells.get(i).getCentroid().getCoordinate());
				}
			}
			cells = voronoi(seeds, area);
		}
		return cells.stream().filter(c -> !c.isEmpty()).toList();
	}

	private List<Coordinate> randomPoints(Geometry area, int n) {
		IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(area);
		Envelope box = area.getEnvelopeInternal();
		List<Coordinate> points = new ArrayList<>();
		while (points.size() < n) {
			Coordinate c = new Coordinate(box.getMinX() + random.nextDouble() * box.getWidth(),
					box.getMinY() + random.nextDouble() * box.getHeight());
			if (inside.locate(c) == Location.INTERIOR && points.stream().noneMatch(p -> p.equals2D(c))) {
				points.add(c);
			}
		}
		return points;
	}

	/** The Voronoi cells of the seeds clipped to the area, in the order of the seeds. */
	private static List<Geometry> voronoi(List<Coordinate> seeds, Geometry area) {
		VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
		builder.setSites(seeds);
		Envelope clip = new Envelope(area.getEnvelopeInternal());
		clip.expandBy(Math.max(clip.getWidth(), clip.getHeight()));
		builder.setClipEnvelope(clip);
		Geometry diagram = builder.getDiagram(CountyGeometry.FACTORY);
		Map<Coordinate, Geometry> cellOfSite = new HashMap<>();
		for (int i = 0; i < diagram.getNumGeometries(); i++) {
			Geometry cell = diagram.getGeometryN(i);
			cellOfSite.put((Coordinate) cell.getUserData(), cell);
		}
		List<Geometry> cells = new ArrayList<>();
		for (Coordinate seed : seeds) {
			Geometry cell = cellOfSite.get(seed);
			cells.add(cell == null ? CountyGeometry.FACTORY.createPolygon()
					: CountyGeometry.polygonal(cell.intersection(area)));
		}
		return cells;
	}

	/**
	 * Groups cells into k spatially compact clusters (k-means on centroids); every
	 * cluster gets a cell.
	 */
	private static int[] cluster(List<Geometry> cells, int k) {
		double[][] points = cells.stream()
			.map(c -> new double[] { c.getCentroid().getX(), c.getCentroid().getY() })
			.toArray(double[][]::new);
		double[][] centres = new double[k][];
		// Farthest-point initialisation, deterministic.
		centres[0] = points[0];
		for (int c = 1; c < k; c++) {
			double best = -1;
			for (double[] p : points) {
				double nearest = Double.MAX_VALUE;
				for (int j = 0; j < c; j++) {
					nearest = Math.min(nearest, distance2(p, centres[j]));
				}
				if (nearest > best) {
					best = nearest;
					centres[c] = p;
				}
			}
		}
		int[] assignment = new int[points.length];
		for (int iteration = 0; iteration < 25; iteration++) {
			for (int i = 0; i < points.length; i++) {
				int best = 0;
				for (int c = 1; c < k; c++) {
					if (distance2(points[i], centres[c]) < distance2(points[i], centres[best])) {
						best = c;
					}
				}
				assignment[i] = best;
			}
			fillEmptyClusters(points, centres, assignment, k);
			double[][] sums = new double[k][3];
			for (int i = 0; i < points.length; i++) {
				sums[assignment[i]][0] += points[i][0];
				sums[assignment[i]][1] += points[i][1];
				sums[assignment[i]][2]++;
			}
			for (int c = 0; c < k; c++) {
				centres[c] = new double[] { sums[c][0] / sums[c][2], sums[c][1] / sums[c][2] };
			}
		}
		return assignment;
	}

	private static void fillEmptyClusters(double[][] points, double[][] centres, int[] assignment, int k) {
		for (int c = 0; c < k; c++) {
			int count = 0;
			for (int a : assignment) {
				count += a == c ? 1 : 0;
			}
			if (count == 0) {
				// Take the point nearest to the empty centre from a cluster that has more
				// than one.
				int best = -1;
				for (int i = 0; i < points.length; i++) {
					int from = assignment[i];
					int size = 0;
					for (int a : assignment) {
						size += a == from ? 1 : 0;
					}
					if (size > 1
							&& (best < 0 || distance2(points[i], centres[c]) < distance2(points[best], centres[c]))) {
						best = i;
					}
				}
				assignment[best] = c;
			}
		}
	}

	private static List<List<Geometry>> groups(List<Geometry> cells, int[] assignment, int k) {
		List<List<Geometry>> groups = new ArrayList<>();
		for (int c = 0; c < k; c++) {
			groups.add(new ArrayList<>());
		}
		for (int i = 0; i < cells.size(); i++) {
			groups.get(assignment[i]).add(cells.get(i));
		}
		return groups;
	}

	private static void assignInReadingOrder(List<String[]> rows, List<Geometry> cells, Map<String, Geometry> target) {
		List<Geometry> ordered = inReadingOrder(cells);
		if (ordered.size() != rows.size()) {
			throw new IllegalStateException(
					"Partition gave " + ordered.size() + " cells for " + rows.size() + " divisions");
		}
		for (int i = 0; i < rows.size(); i++) {
			target.put(rows.get(i)[0], ordered.get(i));
		}
	}

	/**
	 * Codes are numbered west to east, north to south: rows by latitude band, then
	 * longitude.
	 */
	private static Comparator<Geometry> readingComparator() {
		return Comparator.<Geometry>comparingLong(g -> -Math.round(g.getCentroid().getY() / 0.02))
			.thenComparingDouble(g -> g.getCentroid().getX());
	}

	private static List<Geometry> inReadingOrder(List<Geometry> cells) {
		List<Geometry> ordered = new ArrayList<>(cells);
		ordered.sort(readingComparator());
		return ordered;
	}

	private static List<Integer> readingOrder(List<Geometry> cells) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing(cells::get, readingComparator()));
		return order;
	}

	private static double distance2(double[] a, double[] b) {
		double dx = a[0] - b[0], dy = a[1] - b[1];
		return dx * dx + dy * dy;
	}

	// --- people and numbers
	// -----------------------------------------------------------------------------------

	/**
	 * Splits a total into n positive parts with some spread; the parts add up to the
	 * total exactly.
	 */
	private Map<Integer, Integer> spread(int total, int n) {
		double[] weights = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			weights[i] = Math.exp(random.nextGaussian() * 0.35);
			sum += weights[i];
		}
		return split(total, weights, sum);
	}

	/**
	 * Splits a total into n parts that differ from the mean by at most the given share.
	 */
	private Map<Integer, Integer> spread(int total, int n, double share) {
		double[] weights = new double[n];
		double sum = 0;
		for (int i = 0; i < n; i++) {
			weights[i] = 1 - share + 2 * share * random.nextDouble();
			sum += weights[i];
		}
		return split(total, weights, sum);
	}

	private static Map<Integer, Integer> split(int total, double[] weights, double sum) {
		int n = weights.length;
		Map<Integer, Integer> parts = new LinkedHashMap<>();
		int left = total;
		for (int i = 0; i < n; i++) {
			int part = i == n - 1 ? left : (int) Math.round(total * weights[i] / sum);
			parts.put(i, part);
			left -= part;
		}
		return parts;
	}

	private String personName() {
		String name = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())))
				+ GIVEN.charAt(random.nextInt(GIVEN.length()));
		return random.nextBoolean() ? name + GIVEN.charAt(random.nextInt(GIVEN.length())) : name;
	}

	/**
	 * The communities of the subdistrict make up the urban area; every other committee is
	 * rural.
	 */
	private static boolean isUrban(String[] villageRow) {
		return villageRow[2].equals(SUBDISTRICT_CODE) && Division.kindOf(villageRow[0]).equals("COMMUNITY");
	}

	private static String shortName(String committee) {
		return committee.replace("居委会", "").replace("村委会", "村");
	}

	private static int[] add(int[] a, int[] b) {
		return new int[] { a[0] + b[0], a[1] + b[1] };
	}

	private static double round(double degrees) {
		return Math.round(degrees * 1e7) / 1e7;
	}

	private static InputStream resource(String path) {
		InputStream in = DemoGeography.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IllegalStateException("Missing demo resource " + path);
		}
		return in;
	}

	/**
	 * Rows of a CSV file with a header line (the national-statistics division layout).
	 */
	private static List<String[]> csv(InputStream in) {
		try (in; var reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
			var format = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setTrim(true)
				.get();
			List<String[]> rows = new ArrayList<>();
			format.parse(reader).forEach(record -> rows.add(record.values()));
			return rows;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
