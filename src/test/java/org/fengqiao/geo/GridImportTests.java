package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Grid imports: each kind of file with its documented result, and nothing half-saved.
 * Every test works on its own rural grid (of a town without micro-grids) so the tests do
 * not disturb one another.
 */
@FengqiaoIntegration
class GridImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Grids grids;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridLocator locator;

	@LocalServerPort
	int port;

	@Test
	void aValidFileIsSavedAndTheLocatorSeesItAtOnce() throws Exception {
		Grid grid = ruralGrid(0);
		Geometry[] halves = halves(grid.boundary());
		String file = collection(feature(grid.code() + "01", "西半微网格", halves[0], grid.policeGridCode(), 20, 55),
				feature(grid.code() + "02", "东半微网格", halves[1], grid.policeGridCode(), 25, 70));

		upload(file, false).andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("APPLIED"))
			.andExpect(jsonPath("$.saved").value(2))
			.andExpect(jsonPath("$.findings.length()").value(0));

		assertThat(grids.findByCode(grid.code() + "01")).get().extracting(Grid::name).isEqualTo("西半微网格");
		var east = halves[1].getInteriorPoint();
		assertThat(locator.locate(east.getX(), east.getY())).get()
			.extracting(l -> l.microGrid().code())
			.isEqualTo(grid.code() + "02");
	}

	@Test
	void anOverlappingFileIsRejectedWithNothingSavedUnlessForced() throws Exception {
		Grid grid = ruralGrid(1);
		int before = gridCount();
		Geometry[] halves = halves(grid.boundary());
		// The second micro-grid is the whole grid: it overlaps the first.
		String file = collection(feature(grid.code() + "01", "一号", halves[0], grid.policeGridCode(), 20, 50),
				feature(grid.code() + "02", "二号", grid.boundary(), grid.policeGridCode(), 20, 50));

		upload(file, false).andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.report.status").value("REJECTED"))
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'OVERLAP')]").exists())
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'OVERLAP')].forcible").value(true));
		assertThat(gridCount()).isEqualTo(before);
		assertThat(grids.findByCode(grid.code() + "01")).isEmpty();

		upload(file, true).andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("FORCED"));
		assertThat(gridCount()).isEqualTo(before + 2);
	}

	@Test
	void reportsGapsSliversChildrenOutsideTheirParentAndGridsWithoutAPoliceGrid() throws Exception {
		Grid grid = ruralGrid(2);
		Geometry[] halves = halves(grid.boundary());
		Envelope box = grid.boundary().getEnvelopeInternal();
		Geometry beyond = halves[1].union(Geometries.FACTORY
			.toGeometry(new Envelope(box.getMaxX(), box.getMaxX() + 0.01, box.centre().y, box.centre().y + 0.01)));
		Coordinate c = halves[0].getInteriorPoint().getCoordinate();
		Geometry sliver = Geometries.FACTORY.toGeometry(new Envelope(c.x, c.x + 0.0001, c.y, c.y + 0.00001));
		// Only the west half is covered (a gap), the east half pokes out of the grid, the
		// sliver is tiny, and the
		// west half names no police grid.
		String gappy = collection(feature(grid.code() + "01", "西", halves[0], null, 10, 20));
		upload(gappy, false).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'GAP')]").exists())
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'NO_POLICE_GRID')]").exists());
		upload(collection(feature(grid.code() + "02", "东", beyond, grid.policeGridCode(), 10, 20)), false)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'OUTSIDE_PARENT')]").exists());
		upload(collection(feature(grid.code() + "03", "碎", sliver, grid.policeGridCode(), 10, 20)), false)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[?(@.kind == 'SLIVER')]").exists());
		assertThat(grids.findByCode(grid.code() + "01")).isEmpty();
		assertThat(grids.findByCode(grid.code() + "02")).isEmpty();
		assertThat(grids.findByCode(grid.code() + "03")).isEmpty();
	}

	@Test
	void aBrokenGeometryIsRejectedEvenWhenForced() throws Exception {
		Grid grid = ruralGrid(3);
		int before = gridCount();
		Envelope b = grid.boundary().getEnvelopeInternal();
		// A bow tie: its ring crosses itself.
		String bowTie = """
				{"type":"Feature","properties":{"code":"%s","name":"蝴蝶结"},"geometry":{"type":"Polygon",
				 "coordinates":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}""".formatted(grid.code() + "01",
				b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), b.getMaxX(), b.getMinY(), b.getMinX(), b.getMaxY(),
				b.getMinX(), b.getMinY());
		String file = "{\"type\":\"FeatureCollection\",\"features\":[" + bowTie + "]}";
		upload(file, true).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[0].kind").value("INVALID_GEOMETRY"))
			.andExpect(jsonPath("$.report.findings[0].forcible").value(false))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Nothing was saved")));
		String unreadable = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\""
				+ grid.code()
				+ "02\",\"name\":\"x\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2],[3]]]}}]}";
		upload(unreadable, true).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[0].kind").value("NO_GEOMETRY"));
		assertThat(gridCount()).isEqualTo(before);
	}

	@Test
	void aFileInLatLonOrderIsRejectedWithAClearMessage() throws Exception {
		Grid grid = ruralGrid(4);
		Geometry swapped = grid.boundary().copy();
		swapped.apply((org.locationtech.jts.geom.CoordinateFilter) co -> {
			double x = co.x;
			co.x = co.y;
			co.y = x;
		});
		upload(collection(feature(grid.code() + "01", "颠倒", swapped, grid.policeGridCode(), 1, 1)), true)
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[0].kind").value("COORDINATES"))
			.andExpect(jsonPath("$.report.findings[0].message")
				.value(org.hamcrest.Matchers.containsString("lat, lon order")));
		assertThat(grids.findByCode(grid.code() + "01")).isEmpty();
	}

	@Test
	void emptyFilesAreRefused() throws Exception {
		int before = gridCount();
		upload("", false).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Not GeoJSON"));
		upload("{\"type\":\"FeatureCollection\",\"features\":[]}", false).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[0].kind").value("EMPTY"));
		upload("not json at all", false).andExpect(status().isBadRequest());
		upload("{\"type\":\"Point\",\"coordinates\":[108.8,37.6]}", false).andExpect(status().isBadRequest());
		assertThat(gridCount()).isEqualTo(before);
	}

	@Test
	void badAttributesAreReportedPerFeature() throws Exception {
		Grid grid = ruralGrid(5);
		String file = collection(feature("12345", "短编码", grid.boundary(), null, 1, 1),
				feature("61082499999901", "未知村", grid.boundary(), null, 1, 1),
				feature(grid.code() + "01", "未知警格", grid.boundary(), "610824999999", 1, 1),
				feature(grid.code().substring(0, 12) + "00", "三级", grid.boundary(), null, 1, 1));
		upload(file, true).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.report.findings[0].kind").value("BAD_CODE"))
			.andExpect(jsonPath("$.report.findings[1].kind").value("UNKNOWN_PARENT"))
			.andExpect(jsonPath("$.report.findings[2].kind").value("UNKNOWN_POLICE_GRID"))
			.andExpect(jsonPath("$.report.findings[3].kind").value("BAD_LEVEL"));
	}

	@Test
	void aFiftyMegabyteFileIsRefusedAsTooLargeWithNothingSaved() throws Exception {
		int before = gridCount();
		byte[] big = fiftyMegabytes();
		// Over real HTTP as a multipart upload (the servlet container's limit) ...
		String boundary = "fengqiao-boundary";
		byte[] head = ("--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.geojson\"\r\n"
				+ "Content-Type: application/geo+json\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder()
				.uri(URI.create("http://localhost:" + port + "/api/v1/geo/imports"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("admin:fengqiao-demo".getBytes()))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, big, tail)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
		// ... and as a plain GeoJSON body.
		mvc.perform(post("/api/v1/geo/imports").contentType("application/geo+json")
			.content(big)
			.with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(gridCount()).isEqualTo(before);
	}

	@Test
	void onlyAdministratorsMayImport() throws Exception {
		mvc.perform(multipart("/api/v1/geo/imports")
			.file(new MockMultipartFile("file", "x.geojson", "application/geo+json", "{}".getBytes()))
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/geo/imports").with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isOk());
	}

	@Test
	void theImportPageUploadsAFileAndShowsTheReport() throws Exception {
		Grid grid = ruralGrid(6);
		mvc.perform(get("/geo/imports").with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("admin")
					.roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("网格导入")));
		String overlapping = collection(
				feature(grid.code() + "01", "甲", grid.boundary(), grid.policeGridCode(), 20, 50),
				feature(grid.code() + "02", "乙", grid.boundary(), grid.policeGridCode(), 20, 50));
		mvc.perform(multipart("/geo/imports")
			.file(new MockMultipartFile("file", "ui.geojson", "application/geo+json",
					overlapping.getBytes(StandardCharsets.UTF_8)))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user("admin")
				.roles("ADMIN"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已拒绝")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("重叠")));
		assertThat(grids.findByCode(grid.code() + "01")).isEmpty();
		// Without the CSRF token the form post is refused.
		mvc.perform(multipart("/geo/imports")
			.file(new MockMultipartFile("file", "ui.geojson", "application/geo+json",
					overlapping.getBytes(StandardCharsets.UTF_8)))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user("admin")
				.roles("ADMIN")))
			.andExpect(status().isForbidden());
	}

	// ---------------------------------------------------------------------------------------------------------

	private ResultActions upload(String geoJson, boolean force) throws Exception {
		return mvc.perform(multipart("/api/v1/geo/imports")
			.file(new MockMultipartFile("file", "grids.geojson", "application/geo+json",
					geoJson.getBytes(StandardCharsets.UTF_8)))
			.param("force", String.valueOf(force))
			.with(httpBasic("admin", "fengqiao-demo")));
	}

	/** The n-th basic grid of 青阳岔镇, a town with no micro-grids in the demo data. */
	private Grid ruralGrid(int n) {
		return grids.findByLevel(Grid.BASIC).stream().filter(g -> g.code().startsWith("610824102")).toList().get(n);
	}

	private int gridCount() {
		return jdbc.sql("select count(*) from grid").query(Integer.class).single();
	}

	private static Geometry[] halves(Geometry polygon) {
		Envelope box = polygon.getEnvelopeInternal();
		double middle = polygon.getCentroid().getX();
		Geometry west = polygon.intersection(Geometries.FACTORY
			.toGeometry(new Envelope(box.getMinX() - 1, middle, box.getMinY() - 1, box.getMaxY() + 1)));
		Geometry east = polygon.intersection(Geometries.FACTORY
			.toGeometry(new Envelope(middle, box.getMaxX() + 1, box.getMinY() - 1, box.getMaxY() + 1)));
		return new Geometry[] { Geometries.polygonal(west), Geometries.polygonal(east) };
	}

	private static String feature(String code, String name, Geometry geometry, String policeGrid, int households,
			int population) {
		GeoJsonWriter writer = new GeoJsonWriter(9);
		writer.setEncodeCRS(false);
		return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\""
				+ (policeGrid == null ? "" : ",\"policeGrid\":\"" + policeGrid + "\"") + ",\"households\":" + households
				+ ",\"population\":" + population + "},\"geometry\":" + writer.write(geometry) + "}";
	}

	private static String collection(String... features) {
		return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
	}

	private static byte[] fiftyMegabytes() {
		StringBuilder out = new StringBuilder(52 * 1024 * 1024);
		out.append("{\"type\":\"FeatureCollection\",\"features\":[");
		String feature = "{\"type\":\"Feature\",\"properties\":{\"code\":\"61082410220001\",\"name\":\"大文件\"},"
				+ "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[108.8,37.6],[108.81,37.6],[108.81,37.61],[108.8,37.6]]]}},";
		while (out.length() < 50 * 1024 * 1024) {
			out.append(feature);
		}
		out.setLength(out.length() - 1);
		out.append("]}");
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

}
