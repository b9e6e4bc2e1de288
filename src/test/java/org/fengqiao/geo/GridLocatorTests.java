package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * The locator's geometry rules on a small hand-made county: shared edges, vertices,
 * holes, multipolygons and points outside.
 *
 * <pre>
 *   y=2 +---------+---------+
 *       | A  (0,0)-(1,2)    | B (1,0)-(2,2), with a hole (1.4..1.6, 0.9..1.1) filled by grid C
 *   y=0 +---------+---------+
 *      x=0       x=1       x=2      D: a two-part grid inside A: (0.1..0.3, 0.1..0.3) and (0.1..0.3, 1.7..1.9)
 * </pre>
 */
class GridLocatorTests {

	static final String COUNTY = "999999";

	static final String A = "99999900100101", B = "99999900100102", C = "99999900100103";

	final GridLocator.Snapshot snapshot = new GridLocator.Snapshot(geography());

	@Test
	void aPointInsideOneGridGetsThatGrid() {
		assertThat(gridAt(0.5, 0.5)).isEqualTo(A);
		assertThat(gridAt(1.8, 1.5)).isEqualTo(B);
	}

	@Test
	void aPointOnASharedEdgeGoesToTheGridWithTheLowerCode() {
		assertThat(gridAt(1.0, 0.5)).isEqualTo(A);
		assertThat(gridAt(1.0, 2.0)).as("a shared vertex on the outer boundary").isEqualTo(A);
		assertThat(gridAt(1.0, 0.0)).isEqualTo(A);
	}

	@Test
	void aPointInAHoleBelongsToTheGridThatFillsItNotToTheGridAroundIt() {
		assertThat(gridAt(1.5, 1.0)).isEqualTo(C);
		assertThat(gridAt(1.4, 1.0)).as("on the hole's edge, shared by B and C").isEqualTo(B);
		assertThat(gridAt(1.39, 1.0)).isEqualTo(B);
	}

	@Test
	void everyPartOfAMultiPolygonBelongsToTheSameGrid() {
		assertThat(microAt(0.2, 0.2)).isEqualTo("9999990010010101");
		assertThat(microAt(0.2, 1.8)).isEqualTo("9999990010010101");
		assertThat(microAt(0.2, 1.0)).as("between the parts").isNull();
	}

	@Test
	void aPointOutsideTheCountyIsNotCovered() {
		assertThat(snapshot.locate(2.5, 1.0)).isEmpty();
		assertThat(snapshot.locate(-0.000001, 1.0)).isEmpty();
		assertThat(snapshot.locate(0.0, 1.0)).as("on the county boundary counts as inside").isPresent();
	}

	@Test
	void theChainNamesTheDivisionsPoliceGridAndNearestRoom() {
		Location location = snapshot.locate(1.8, 0.2).orElseThrow();
		assertThat(location.county().code()).isEqualTo(COUNTY);
		assertThat(location.township().code()).isEqualTo("999999001");
		assertThat(location.village().code()).isEqualTo("999999001001");
		assertThat(location.policeGrid().code()).isEqualTo("PG-EAST");
		assertThat(location.policeStation().name()).isEqualTo("测试派出所");
		assertThat(location.policeRoom().code()).isEqualTo("ROOM-EAST");
		assertThat(snapshot.locate(0.2, 0.2).orElseThrow().policeRoom().code()).isEqualTo("ROOM-WEST");
	}

	private String gridAt(double x, double y) {
		return snapshot.locate(x, y).map(l -> l.grid() == null ? null : l.grid().code()).orElse(null);
	}

	private String microAt(double x, double y) {
		return snapshot.locate(x, y).map(l -> l.microGrid() == null ? null : l.microGrid().code()).orElse(null);
	}

	static Geography geography() {
		Geometry county = wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
		Geometry a = wkt("POLYGON ((0 0, 1 0, 1 2, 0 2, 0 0))");
		Geometry b = wkt("POLYGON ((1 0, 2 0, 2 2, 1 2, 1 0), (1.4 0.9, 1.6 0.9, 1.6 1.1, 1.4 1.1, 1.4 0.9))");
		Geometry c = wkt("POLYGON ((1.4 0.9, 1.6 0.9, 1.6 1.1, 1.4 1.1, 1.4 0.9))");
		Geometry d = wkt(
				"MULTIPOLYGON (((0.1 0.1, 0.3 0.1, 0.3 0.3, 0.1 0.3, 0.1 0.1)), ((0.1 1.7, 0.3 1.7, 0.3 1.9, 0.1 1.9, 0.1 1.7)))");
		List<Division> divisions = List.of(new Division(COUNTY, "测试县", Division.Level.COUNTY, "COUNTY", null, county),
				new Division("999999001", "测试街道", Division.Level.TOWNSHIP, "SUBDISTRICT", COUNTY, county),
				new Division("999999001001", "测试社区", Division.Level.VILLAGE, "COMMUNITY", "999999001", county));
		List<Grid> grids = List.of(
				new Grid(B, "B", 4, "99999900100100", "999999001001", "BASIC", 300, 900, "乙", "PG-EAST", b),
				new Grid(A, "A", 4, "99999900100100", "999999001001", "BASIC", 300, 900, "甲", "PG-WEST", a),
				new Grid(C, "C", 4, "99999900100100", "999999001001", "SCHOOL", 0, 0, "丙", "PG-EAST", c),
				new Grid("9999990010010101", "D", 5, A, "999999001001", "BASIC", 20, 60, "丁", "PG-WEST", d));
		return new Geography(divisions, grids, List.of(new PoliceStation("PS", "测试派出所", COUNTY, county)),
				List.of(new PoliceGrid("PG-EAST", "东警格", "PS", wkt("POLYGON ((1 0, 2 0, 2 2, 1 2, 1 0))")),
						new PoliceGrid("PG-WEST", "西警格", "PS", a)),
				List.of(new PoliceRoom("ROOM-EAST", "东警务室", PoliceRoom.Kind.POLICE_ROOM, true, "PS", "PG-EAST", 1.9,
						0.1),
						new PoliceRoom("ROOM-WEST", "西警务室", PoliceRoom.Kind.POLICE_ROOM, true, "PS", "PG-WEST", 0.1,
								0.1),
						new PoliceRoom("ROOM-SCHOOL", "校园警务室", PoliceRoom.Kind.CAMPUS_POLICE_ROOM, true, "PS",
								"PG-EAST", 1.85, 0.2)));
	}

	static Geometry wkt(String text) {
		try {
			return new WKTReader(Geometries.FACTORY).read(text);
		}
		catch (org.locationtech.jts.io.ParseException e) {
			throw new IllegalArgumentException(e);
		}
	}

}
