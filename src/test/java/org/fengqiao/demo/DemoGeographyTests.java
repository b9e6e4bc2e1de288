package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.fengqiao.geo.CountyGeometry;
import org.fengqiao.geo.GeographyImport.Division;
import org.fengqiao.geo.GeographyImport.Geography;
import org.fengqiao.geo.GeographyImport.Grid;
import org.fengqiao.geo.GeographyImport.PoliceGrid;
import org.fengqiao.geo.GeographyImport.PoliceRoom;
import org.fengqiao.geo.GeographyImport.PoliceStation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.locationtech.jts.geom.Geometry;

/**
 * The invariants the demo geography promises, checked on the generated data without
 * Spring.
 */
@Execution(ExecutionMode.CONCURRENT)
class DemoGeographyTests {

	/**
	 * Gaps and overlaps are measured in square metres; 1 m² over a 5,088 km² county is
	 * floating-point noise.
	 */
	static final double TOLERANCE_M2 = 1.0;

	static Geography geography;

	@BeforeAll
	static void generate() {
		geography = DemoGeography.jingbian();
	}

	@Test
	void hasTheRealTownshipsAndVillages() {
		List<Division> townships = divisions(Division.Level.TOWNSHIP);
		List<Division> villages = divisions(Division.Level.VILLAGE);
		assertThat(townships).hasSize(17);
		assertThat(villages).hasSize(204);
		assertThat(townships).extracting(Division::name).contains("张家畔街道", "宁条梁镇", "东坑镇");
		assertThat(villages).filteredOn(v -> v.code().equals("610824001001"))
			.extracting(Division::name)
			.containsExactly("统万路社区居委会");
		assertThat(townships).allMatch(t -> t.boundary() != null && t.boundary().isValid() && !t.boundary().isEmpty());
		assertThat(villages).allMatch(v -> v.boundary() != null && v.boundary().isValid() && !v.boundary().isEmpty());
	}

	@Test
	void isDeterministic() {
		Geography again = DemoGeography.jingbian();
		assertThat(again.grids()).hasSameSizeAs(geography.grids());
		for (int i = 0; i < again.grids().size(); i++) {
			assertThat(again.grids().get(i).code()).isEqualTo(geography.grids().get(i).code());
			assertThat(again.grids().get(i).boundary().equalsExact(geography.grids().get(i).boundary())).isTrue();
		}
	}

	@Test
	void everyLayerCoversTheCountyWithoutGapsOrOverlaps() {
		Geometry county = divisions(Division.Level.COUNTY).get(0).boundary();
		assertPartition(county, divisions(Division.Level.TOWNSHIP).stream().map(Division::boundary).toList());
		assertPartition(county, divisions(Division.Level.VILLAGE).stream().map(Division::boundary).toList());
		assertPartition(county, grids(Grid.BASIC).stream().map(Grid::boundary).toList());
	}

	@Test
	void childrenLieInsideTheirParentsAndCoverThem() {
		Map<String, Grid> byCode = geography.grids().stream().collect(Collectors.toMap(Grid::code, g -> g));
		Map<String, List<Geometry>> children = new HashMap<>();
		for (Grid g : geography.grids()) {
			if (g.parentCode() != null) {
				assertThat(byCode).containsKey(g.parentCode());
				assertThat(g.level()).isEqualTo(byCode.get(g.parentCode()).level() + 1);
				children.computeIfAbsent(g.parentCode(), k -> new java.util.ArrayList<>()).add(g.boundary());
			}
		}
		children.forEach((parent, parts) -> assertPartition(byCode.get(parent).boundary(), parts));
	}

	@Test
	void urbanAreaHas76GridsFusedInto28PoliceGrids() {
		List<Grid> urban = grids(Grid.BASIC).stream()
			.filter(g -> g.code().startsWith("610824001") && Division.kindOf(g.divisionCode()).equals("COMMUNITY"))
			.toList();
		assertThat(urban).hasSize(76);
		Set<String> urbanPoliceGrids = urban.stream().map(Grid::policeGridCode).collect(Collectors.toSet());
		assertThat(urbanPoliceGrids).hasSize(28);
		Map<String, PoliceGrid> police = geography.policeGrids()
			.stream()
			.collect(Collectors.toMap(PoliceGrid::code, p -> p));
		for (Grid g : grids(Grid.BASIC)) {
			assertThat(g.policeGridCode()).as("grid %s is fused into a police grid", g.code()).isNotNull();
			Geometry outside = g.boundary().difference(police.get(g.policeGridCode()).boundary());
			assertThat(CountyGeometry.areaSquareMetres(outside)).as("grid %s lies in its police grid", g.code())
				.isLessThan(TOLERANCE_M2);
		}
		assertThat(police.values())
			.allMatch(p -> grids(Grid.BASIC).stream().anyMatch(g -> g.policeGridCode().equals(p.code())));
	}

	@Test
	void policeRoomsAndWorkstationsMatchTheCounty() {
		List<PoliceRoom> rooms = geography.policeRooms();
		assertThat(rooms).filteredOn(r -> r.kind() == PoliceRoom.Kind.POLICE_ROOM && r.urban()).hasSize(19);
		assertThat(rooms).filteredOn(r -> r.kind() == PoliceRoom.Kind.POLICE_ROOM && !r.urban()).hasSize(178);
		assertThat(rooms).filteredOn(r -> r.kind() == PoliceRoom.Kind.WORKSTATION).hasSize(12);
		assertThat(rooms).filteredOn(r -> r.kind() == PoliceRoom.Kind.CAMPUS_POLICE_ROOM).hasSize(6);
		assertThat(geography.stations()).extracting(PoliceStation::name).contains("西郊派出所", "宁条梁派出所");
		Map<String, PoliceGrid> police = geography.policeGrids()
			.stream()
			.collect(Collectors.toMap(PoliceGrid::code, p -> p));
		for (PoliceRoom room : rooms) {
			assertThat(
					police.get(room.policeGridCode()).boundary().covers(CountyGeometry.point(room.lon(), room.lat())))
				.as("%s lies in its police grid", room.name())
				.isTrue();
		}
	}

	@Test
	void gridCodesFollowTheUnitGridScheme() {
		for (Grid g : geography.grids()) {
			assertThat(g.code()).matches(g.level() == Grid.MICRO ? "\\d{16}" : "\\d{14}");
			assertThat(Grid.levelOfCode(g.code())).isEqualTo(g.level());
			assertThat(Grid.parentCodeOf(g.code())).isEqualTo(g.parentCode());
			assertThat(g.code()).startsWith(g.level() == Grid.COUNTY ? "610824" : g.divisionCode());
		}
		assertThat(geography.grids().stream().map(Grid::code).distinct()).hasSameSizeAs(geography.grids());
	}

	@Test
	void populationIsPlausibleForJingbian() {
		Grid county = grids(Grid.COUNTY).get(0);
		assertThat(county.population()).isEqualTo(384_000);
		assertThat(grids(Grid.BASIC)).allMatch(g -> g.population() > 0 && g.households() > 0);
		assertThat(
				grids(Grid.BASIC).stream().filter(g -> g.code().startsWith("610824001") && g.code().charAt(9) == '0'))
			.allSatisfy(g -> assertThat(g.population()).as(g.code()).isBetween(1, 2_500));
		assertThat(grids(Grid.MICRO)).allSatisfy(g -> assertThat(g.households()).as(g.code()).isBetween(10, 60));
		int microSum = grids(Grid.MICRO).stream()
			.filter(g -> g.parentCode().equals(grids(Grid.MICRO).get(0).parentCode()))
			.mapToInt(Grid::households)
			.sum();
		String parent = grids(Grid.MICRO).get(0).parentCode();
		assertThat(microSum).isEqualTo(
				grids(Grid.BASIC).stream().filter(g -> g.code().equals(parent)).findFirst().orElseThrow().households());
	}

	private static void assertPartition(Geometry whole, List<Geometry> parts) {
		Geometry union = CountyGeometry.union(parts);
		double squareMetresPerSquareDegree = CountyGeometry.areaSquareMetres(whole) / whole.getArea();
		double gap = whole.difference(union).getArea() * squareMetresPerSquareDegree;
		double outside = union.difference(whole).getArea() * squareMetresPerSquareDegree;
		double sum = parts.stream().mapToDouble(Geometry::getArea).sum();
		double overlap = (sum - union.getArea()) * squareMetresPerSquareDegree;
		assertThat(gap).as("gap").isLessThan(TOLERANCE_M2);
		assertThat(outside).as("outside the parent").isLessThan(TOLERANCE_M2);
		assertThat(overlap).as("overlap").isLessThan(TOLERANCE_M2 * Math.max(1, parts.size()));
	}

	private static List<Division> divisions(Division.Level level) {
		return geography.divisions().stream().filter(d -> d.level() == level).toList();
	}

	private static List<Grid> grids(int level) {
		return geography.grids().stream().filter(g -> g.level() == level).toList();
	}

}
