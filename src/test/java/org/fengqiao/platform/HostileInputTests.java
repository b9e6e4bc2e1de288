package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The hostile-input corpus: every public and staff endpoint that takes input, fed what an
 * attacker would send (NUL and control characters in bodies, parameters and paths; bad
 * coordinates; wrong types; overlong fields; deep JSON; huge numbers; zip bombs, XXE and
 * billion laughs in workbooks; malformed GeoJSON; polyglot and oversize images). Each
 * case must end in a 4xx (never a 5xx), as problem details on the API, and leave the
 * tables it could touch as they were.
 */
@FengqiaoIntegration
class HostileInputTests {

	static final List<String> TABLES = List.of("whistle", "whistle_photo", "dispute", "dispute_party", "person",
			"person_role", "assignment", "account", "api_token", "grid", "division", "mediation_room");

	private static final AtomicInteger ADDRESS = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	record Case(String name, Supplier<? extends AbstractMockHttpServletRequestBuilder<?>> request) {
	}

	String point() {
		var p = directory.interiorPoint("6108240010020101").orElseThrow();
		return "\"lon\":" + p.lon() + ",\"lat\":" + p.lat();
	}

	String village() {
		return jdbc.sql("select code from division where level = 'VILLAGE' order by code limit 1")
			.query(String.class)
			.single();
	}

	String report(String description) {
		return "{\"categoryCode\":\"UM-0102\"," + point() + ",\"description\":" + description + "}";
	}

	String application(String lonLat, String applicantName, String description) {
		return "{\"type\":\"NEIGHBOURS\",\"applicantName\":" + applicantName + ",\"applicantPhone\":\"13700003333\","
				+ "\"respondentName\":\"吴刚\",\"villageCode\":\"" + village() + "\"" + lonLat + ",\"description\":"
				+ description + "}";
	}

	String screening(String lonLat, String description) {
		return "{\"source\":\"SCREENING\",\"type\":\"NEIGHBOURS\",\"villageCode\":\"" + village() + "\"" + lonLat
				+ ",\"description\":" + description + ",\"parties\":[{\"name\":\"张建国\",\"villageCode\":\"" + village()
				+ "\"},{\"name\":\"李秀兰\",\"villageCode\":\"" + village() + "\"}]}";
	}

	static MockHttpServletRequestBuilder json(String url, String body) {
		return post(url).contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
	}

	static <B extends AbstractMockHttpServletRequestBuilder<B>> B as(B request, String user) {
		return request.with(httpBasic(user, "fengqiao-demo"));
	}

	static String deep(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	static AbstractMockHttpServletRequestBuilder<?> workbookImport(byte[] file) {
		return as(multipart("/api/v1/organisation/imports").file(new MockMultipartFile("file", "people.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file)), "admin");
	}

	static AbstractMockHttpServletRequestBuilder<?> geoImport(byte[] file) {
		return as(multipart("/api/v1/geo/imports")
			.file(new MockMultipartFile("file", "grids.geojson", "application/geo+json", file)), "admin");
	}

	static AbstractMockHttpServletRequestBuilder<?> reportWithPhoto(String reportJson, byte[] photo) {
		return multipart("/api/v1/whistles")
			.file(new MockMultipartFile("report", "", "application/json", reportJson.getBytes(StandardCharsets.UTF_8)))
			.file(new MockMultipartFile("photos", "p.png", "image/png", photo));
	}

	List<Case> corpus() throws Exception {
		String nul = "\"a\\u0000b\"";
		String bell = "\"a\\u0007b\"";
		String escape = "\"a\\u001b[31mb\"";
		String tracking = jdbc.sql("select tracking_code from whistle limit 1")
			.query(String.class)
			.optional()
			.orElse("ABCDEFGH");
		String whistle = jdbc.sql("select id::text from whistle limit 1")
			.query(String.class)
			.optional()
			.orElse("00000000-0000-0000-0000-000000000000");
		List<Case> cases = new ArrayList<>();
		// --- whistle intake (public, JSON and multipart) ---
		cases.add(new Case("report: NUL in the description", () -> json("/api/v1/whistles", report(nul))));
		cases.add(new Case("report: BEL in the description", () -> json("/api/v1/whistles", report(bell))));
		cases.add(new Case("report: ESC in the reporter name",
				() -> json("/api/v1/whistles", report("\"x\",\"reporterName\":" + escape).replace("}", "}"))));
		cases.add(new Case("report: NUL in the category code", () -> json("/api/v1/whistles",
				"{\"categoryCode\":\"UM\\u00000102\"," + point() + ",\"description\":\"x\"}")));
		cases.add(new Case("report: NUL in the Idempotency-Key",
				() -> json("/api/v1/whistles", report("\"x\"")).header("Idempotency-Key", "k\u0000ey")));
		cases.add(new Case("report: overlong description",
				() -> json("/api/v1/whistles", report("\"" + "长".repeat(20_000) + "\""))));
		cases.add(new Case("report: lon is text", () -> json("/api/v1/whistles",
				"{\"categoryCode\":\"UM-0102\",\"lon\":\"east\",\"lat\":37.6,\"description\":\"x\"}")));
		cases.add(new Case("report: lon NaN as text", () -> json("/api/v1/whistles",
				"{\"categoryCode\":\"UM-0102\",\"lon\":\"NaN\",\"lat\":\"Infinity\",\"description\":\"x\"}")));
		cases.add(new Case("report: lon 999", () -> json("/api/v1/whistles",
				"{\"categoryCode\":\"UM-0102\",\"lon\":999,\"lat\":999,\"description\":\"x\"}")));
		cases.add(new Case("report: huge number", () -> json("/api/v1/whistles", "{\"categoryCode\":\"UM-0102\","
				+ point() + ",\"description\":\"x\",\"peopleCount\":" + "9".repeat(5000) + "}")));
		cases.add(new Case("report: huge exponent", () -> json("/api/v1/whistles",
				"{\"categoryCode\":\"UM-0102\",\"lon\":1e99999,\"lat\":37.6,\"description\":\"x\"}")));
		cases.add(new Case("report: deep JSON", () -> json("/api/v1/whistles", report(deep(5000)))));
		cases
			.add(new Case("report: an array for the description", () -> json("/api/v1/whistles", report("[\"a\",1]"))));
		cases.add(new Case("report: not JSON", () -> json("/api/v1/whistles", "<report/>")));
		cases.add(new Case("report: JSON null", () -> json("/api/v1/whistles", "null")));
		cases.add(new Case("report multipart: NUL in the report part",
				() -> reportWithPhoto(report(nul), Hostile.png(8, 8))));
		cases.add(new Case("report multipart: a polyglot GIF/script is not a photo",
				() -> reportWithPhoto(report("\"x\""), "GIF89a<script>alert(1)</script>".getBytes())));
		cases.add(new Case("report multipart: a fake WebP (RIFF header and junk)",
				() -> reportWithPhoto(report("\"x\""), Hostile.fakeWebp())));
		cases.add(new Case("report multipart: a PNG declaring 20000 x 20000 pixels",
				() -> reportWithPhoto(report("\"x\""), Hostile.pngDeclaring(20_000, 20_000))));
		// --- the resident's tracking (public) ---
		cases.add(new Case("tracking: %00 in the code", () -> get(URI.create("/api/v1/whistles/track/AB%00CD"))));
		cases.add(new Case("tracking: NUL in the reopen reason",
				() -> json("/api/v1/whistles/track/" + tracking + "/reopen", "{\"reason\":" + nul + "}")));
		cases.add(new Case("tracking: a rating of the wrong type",
				() -> json("/api/v1/whistles/track/" + tracking + "/confirm", "{\"rating\":\"five\"}")));
		cases.add(new Case("tracking page: %00 in the code", () -> get(URI.create("/track/AB%00CD"))));
		cases.add(new Case("tracking page: %00 in the query", () -> get(URI.create("/track?code=AB%00CD"))));
		// --- staff whistle work ---
		cases.add(new Case("work list: %00 in a filter",
				() -> as(get(URI.create("/api/v1/whistles?state=%00")), "command")));
		cases.add(new Case("work list: %00 in the grid filter",
				() -> as(get(URI.create("/api/v1/whistles?grid=61%0008")), "command")));
		cases.add(new Case("action: NUL in the notes",
				() -> as(json("/api/v1/whistles/" + whistle + "/resolve", "{\"notes\":" + nul + "}"), "command")));
		cases.add(new Case("action: transfer to a target with NUL", () -> as(
				json("/api/v1/whistles/" + whistle + "/transfer", "{\"target\":\"mediation\\u0000\",\"reason\":\"x\"}"),
				"command")));
		cases.add(new Case("action: %00 in the action",
				() -> as(post(URI.create("/api/v1/whistles/" + whistle + "/acc%00ept"))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{}"), "command")));
		cases.add(new Case("action: a level that is text",
				() -> as(json("/api/v1/whistles/" + whistle + "/raise", "{\"level\":\"x\"}"), "command")));
		// --- disputes: public application and staff API ---
		cases.add(new Case("application: NaN coordinates", () -> json("/api/v1/public/disputes",
				application(",\"lon\":\"NaN\",\"lat\":\"NaN\"", "\"周红\"", "\"噪音\""))));
		cases.add(new Case("application: Infinity coordinates", () -> json("/api/v1/public/disputes",
				application(",\"lon\":\"Infinity\",\"lat\":37.6", "\"周红\"", "\"噪音\""))));
		cases.add(new Case("application: 999 coordinates",
				() -> json("/api/v1/public/disputes", application(",\"lon\":999,\"lat\":999", "\"周红\"", "\"噪音\""))));
		cases.add(new Case("application: NUL in the name",
				() -> json("/api/v1/public/disputes", application("", nul, "\"噪音\""))));
		cases.add(new Case("application: NUL in the description",
				() -> json("/api/v1/public/disputes", application("", "\"周红\"", nul))));
		cases.add(new Case("application: deep JSON",
				() -> json("/api/v1/public/disputes", application("", "\"周红\"", deep(3000)))));
		cases.add(new Case("application: huge amount",
				() -> json("/api/v1/public/disputes", application(",\"amount\":1e999999999", "\"周红\"", "\"噪音\""))));
		cases.add(
				new Case("public tracking: %00 in the code", () -> get(URI.create("/api/v1/public/disputes/AB%00CD"))));
		cases.add(new Case("screening: NaN coordinates",
				() -> as(json("/api/v1/disputes", screening(",\"lon\":\"NaN\",\"lat\":\"NaN\"", "\"争吵\"")),
						"mediator1")));
		cases.add(new Case("screening: 999 coordinates",
				() -> as(json("/api/v1/disputes", screening(",\"lon\":999,\"lat\":-999", "\"争吵\"")), "mediator1")));
		cases.add(new Case("screening: NUL in the description",
				() -> as(json("/api/v1/disputes", screening("", nul)), "mediator1")));
		cases.add(new Case("disputes list: %00 in the state",
				() -> as(get(URI.create("/api/v1/disputes?state=%00")), "command")));
		cases.add(new Case("mediation page form: NUL in the description",
				() -> post("/mediate").with(csrf())
					.param("type", "NEIGHBOURS")
					.param("applicantName", "周红")
					.param("applicantPhone", "13700003333")
					.param("respondentName", "吴刚")
					.param("villageCode", village())
					.param("description", "噪音\u0000扰民")));
		cases.add(new Case("rooms: NUL in the name",
				() -> as(json("/api/v1/mediation/rooms", "{\"name\":" + nul + ",\"bodyCode\":\"x\"}"), "command")));
		// --- geography ---
		cases.add(new Case("locate: NaN",
				() -> get("/api/v1/locate").param("lon", "NaN")
					.param("lat", "NaN")
					.with(httpBasic("command", "fengqiao-demo"))));
		cases.add(new Case("locate: 999",
				() -> as(get("/api/v1/locate").param("lon", "999").param("lat", "999"), "command")));
		cases.add(new Case("locate: %00", () -> as(get(URI.create("/api/v1/locate?lon=108%00&lat=37")), "command")));
		cases.add(new Case("locate: text",
				() -> as(get("/api/v1/locate").param("lon", "east").param("lat", "north"), "command")));
		cases.add(new Case("grid: %00 in the code", () -> as(get(URI.create("/api/v1/geo/grids/61%0008")), "command")));
		cases.add(new Case("geo import: empty", () -> geoImport(new byte[0])));
		cases.add(new Case("geo import: not JSON", () -> geoImport("<kml/>".getBytes())));
		cases.add(new Case("geo import: a zip", () -> geoImport(Hostile.plainZip())));
		cases.add(new Case("geo import: deep JSON",
				() -> geoImport(("{\"type\":\"FeatureCollection\",\"features\":" + deep(5000) + "}").getBytes())));
		cases.add(new Case("geo import: NUL in a name", () -> geoImport(
				Hostile.oneGrid("\\u0000", "[[108.6,37.6],[108.61,37.6],[108.61,37.61],[108.6,37.6]]"))));
		cases.add(new Case("geo import: NaN coordinates",
				() -> geoImport(Hostile.oneGrid("x", "[[\"NaN\",37.6],[108.61,37.6],[108.61,37.61],[\"NaN\",37.6]]"))));
		cases.add(new Case("geo import: huge coordinates",
				() -> geoImport(Hostile.oneGrid("x", "[[1e400,37.6],[108.61,37.6],[108.61,37.61],[1e400,37.6]]"))));
		cases.add(new Case("geo import: a ring of text", () -> geoImport(Hostile.oneGrid("x", "\"ring\""))));
		cases
			.add(new Case("geo import body: NUL in the code",
					() -> as(
							post("/api/v1/geo/imports").contentType("application/geo+json")
								.content(new String(
										Hostile.oneGrid("x",
												"[[108.6,37.6],[108.61,37.6],[108.61,37.61],[108.6,37.6]]"),
										StandardCharsets.UTF_8)
									.replace("\"code\":\"", "\"code\":\"\\u0000")),
							"admin")));
		// --- organisation ---
		cases.add(new Case("excel: empty file", () -> workbookImport(new byte[0])));
		cases.add(new Case("excel: plain zip", () -> workbookImport(Hostile.plainZip())));
		cases.add(new Case("excel: zip without a workbook", () -> workbookImport(Hostile.zipWithoutWorkbook())));
		cases.add(new Case("excel: broken sheet XML",
				() -> workbookImport(Hostile.withSheet("<worksheet><sheetData><row>"))));
		cases.add(new Case("excel: zip bomb", () -> workbookImport(Hostile.zipBomb())));
		cases.add(new Case("excel: XXE", () -> workbookImport(Hostile.xxe())));
		cases.add(new Case("excel: billion laughs", () -> workbookImport(Hostile.billionLaughs())));
		cases.add(new Case("excel: NUL in a cell", () -> workbookImport(Hostile.rowWithEscapedNul())));
		cases.add(new Case("people: %00 in the role", () -> as(get(URI.create("/api/v1/people?role=%00")), "command")));
		cases.add(
				new Case("people: %00 in the grid", () -> as(get(URI.create("/api/v1/people?grid=61%00")), "command")));
		cases.add(new Case("responsible: %00 in the date",
				() -> as(get(URI.create("/api/v1/grids/6108240010020101/responsible?date=2026-01-01%00")), "command")));
		cases.add(new Case("reveal: NUL in the reason",
				() -> as(json("/api/v1/people/1/reveal", "{\"field\":\"phone\",\"reason\":" + nul + "}"), "command")));
		cases.add(new Case("assignment: wrong types",
				() -> as(json("/api/v1/assignments", "{\"personId\":\"one\",\"kind\":[1],\"from\":\"yesterday\"}"),
						"admin")));
		cases.add(new Case("assignment: NUL in the grid", () -> as(json("/api/v1/assignments",
				"{\"personId\":1,\"kind\":\"GRID_WORKER\",\"gridCode\":\"6108\\u00002401\",\"from\":\"2026-01-01\"}"),
				"admin")));
		// --- accounts ---
		cases
			.add(new Case("account: NUL in the display name",
					() -> as(
							json("/api/v1/accounts",
									"{\"username\":\"nul1\",\"displayName\":" + nul
											+ ",\"password\":\"Zq7#vLp2!xWm9\",\"roles\":[\"COMMAND\"]}"),
							"security")));
		cases.add(new Case("account: NUL in the username", () -> as(json("/api/v1/accounts",
				"{\"username\":\"nu\\u0000l2\",\"displayName\":\"x\",\"password\":\"Zq7#vLp2!xWm9\",\"roles\":[\"COMMAND\"]}"),
				"security")));
		cases.add(new Case("account: roles of the wrong type", () -> as(json("/api/v1/accounts",
				"{\"username\":\"typed\",\"displayName\":\"x\",\"password\":\"Zq7#vLp2!xWm9\",\"roles\":\"COMMAND\"}"),
				"security")));
		cases.add(new Case("account: %00 in the username path",
				() -> as(post(URI.create("/api/v1/accounts/wor%00ker1/unlock")), "security")));
		cases.add(new Case("token: NUL in the name",
				() -> as(json("/api/v1/me/tokens", "{\"name\":" + nul + "}"), "command")));
		cases
			.add(new Case("password: NUL in the new password",
					() -> as(
							json("/api/v1/me/password",
									"{\"current\":\"fengqiao-demo\",\"password\":\"Zq7#vLp2!x\\u0000Wm9\"}"),
							"worker2")));
		cases.add(new Case("sign-in: NUL in the username",
				() -> post("/login").with(csrf())
					.param("username", "wor\u0000ker1")
					.param("password", "fengqiao-demo")));
		cases.add(new Case("audit: %00 in a filter", () -> as(get(URI.create("/api/v1/audit?action=%00")), "auditor")));
		return cases;
	}

	org.springframework.test.web.servlet.ResultActions perform(AbstractMockHttpServletRequestBuilder<?> request)
			throws Exception {
		String address = "10.67." + (ADDRESS.get() / 250) + "." + (ADDRESS.getAndIncrement() % 250 + 1);
		return mvc.perform(request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		}));
	}

	static org.springframework.test.web.servlet.ResultMatcher problem(int status, String type) {
		return result -> {
			assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
				.isEqualTo(status);
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
			assertThat(result.getResponse().getContentAsString())
				.contains("\"https://fengqiao.org/problems/" + type + "\"");
		};
	}

	@Test
	void controlCharactersAreRefusedWith400ProblemsWhereverTheyCome() throws Exception {
		Map<String, Integer> before = counts();
		perform(json("/api/v1/whistles", report("\"垃圾\\u0000堆放\""))).andExpect(problem(400, "control-character"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
				.value(org.hamcrest.Matchers.containsString("description")));
		perform(json("/api/v1/public/disputes", application("", "\"周\\u001b红\"", "\"噪音\"")))
			.andExpect(problem(400, "control-character"));
		perform(as(get(URI.create("/api/v1/whistles?state=%00")), "command"))
			.andExpect(problem(400, "control-character"));
		perform(get(URI.create("/api/v1/whistles/track/AB%00CD"))).andExpect(problem(400, "control-character"));
		perform(post("/mediate").with(csrf()).param("type", "NEIGHBOURS").param("description", "噪音\u0000"))
			.andExpect(problem(400, "control-character"));
		perform(json("/api/v1/whistles", report("\"x\"")).header("Idempotency-Key", "a\u0000b"))
			.andExpect(problem(400, "control-character"));
		// Tab, line feed and carriage return are ordinary text.
		perform(json("/api/v1/whistles", report("\"第一行\\n\\t第二行\\r\"")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated());
		assertThat(counts().get("whistle")).isEqualTo(before.get("whistle") + 1);
	}

	@Test
	void deepJsonHugeNumbersAndWrongTypesAre400ProblemsThatSayWhy() throws Exception {
		// Nested under a field the body does not have, so nothing but the nesting limit
		// stops it.
		perform(json("/api/v1/whistles", report("\"x\",\"extra\":" + deep(200))))
			.andExpect(problem(400, "too-complex"));
		perform(json("/api/v1/whistles", "{\"categoryCode\":\"UM-0102\"," + point()
				+ ",\"description\":\"x\",\"peopleCount\":" + "9".repeat(500) + "}"))
			.andExpect(problem(400, "too-complex"));
		perform(json("/api/v1/whistles",
				"{\"categoryCode\":\"UM-0102\",\"lon\":\"east\",\"lat\":37.6,\"description\":\"x\"}"))
			.andExpect(problem(400, "wrong-type"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
				.value(org.hamcrest.Matchers.containsString("lon")));
		perform(json("/api/v1/whistles", "<report/>")).andExpect(problem(400, "unreadable-body"));
	}

	@Test
	void coordinatesFollowOneRuleOnEveryEndpoint() throws Exception {
		for (String bad : List.of(",\"lon\":\"NaN\",\"lat\":37.6", ",\"lon\":108.6,\"lat\":\"Infinity\"",
				",\"lon\":999,\"lat\":37.6", ",\"lon\":108.6,\"lat\":-91", ",\"lon\":108.6")) {
			perform(json("/api/v1/public/disputes", application(bad, "\"周红\"", "\"噪音\"")))
				.andExpect(problem(422, "bad-coordinates"));
			perform(as(json("/api/v1/disputes", screening(bad, "\"争吵\"")), "mediator1"))
				.andExpect(problem(422, "bad-coordinates"));
			perform(json("/api/v1/whistles", "{\"categoryCode\":\"UM-0102\",\"description\":\"x\"" + bad + "}"))
				.andExpect(problem(422, "bad-coordinates"));
		}
		perform(as(get("/api/v1/locate").param("lon", "NaN").param("lat", "37.6"), "command"))
			.andExpect(problem(400, "bad-coordinates"));
		perform(as(get("/api/v1/locate").param("lon", "999").param("lat", "37.6"), "command"))
			.andExpect(problem(400, "bad-coordinates"));
		assertThat(org.fengqiao.geo.Coordinates.valid(108.6, 37.6)).isTrue();
		assertThat(org.fengqiao.geo.Coordinates.valid(180.0, -90.0)).isTrue();
		assertThat(org.fengqiao.geo.Coordinates.valid(Double.NaN, 37.6)).isFalse();
		assertThat(org.fengqiao.geo.Coordinates.valid(108.6, null)).isFalse();
	}

	@Test
	void malformedWorkbooksAreRefusedWithTheReasonAndNothingStored() throws Exception {
		Map<String, Integer> before = counts();
		perform(workbookImport(new byte[0])).andExpect(problem(400, "empty-file"));
		perform(workbookImport(Hostile.plainZip())).andExpect(problem(415, "not-a-workbook"));
		perform(workbookImport(Hostile.zipWithoutWorkbook())).andExpect(problem(415, "not-a-workbook"));
		perform(workbookImport("not excel".getBytes())).andExpect(problem(415, "not-a-workbook"));
		perform(workbookImport(Hostile.withSheet("<worksheet><sheetData><row>")))
			.andExpect(problem(400, "broken-workbook"));
		perform(workbookImport(Hostile.zipBomb())).andExpect(problem(413, "zip-bomb"));
		perform(workbookImport(Hostile.xxe())).andExpect(problem(400, "forbidden-xml"));
		perform(workbookImport(Hostile.billionLaughs())).andExpect(problem(400, "forbidden-xml"));
		String rejected = perform(workbookImport(Hostile.rowWithEscapedNul()))
			.andExpect(problem(422, "import-rejected"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(rejected).contains("control character");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void scriptTextIsStoredAsTextAndShownEscaped() throws Exception {
		String script = "<script>alert(1)</script><img src=x onerror=alert(2)>";
		String body = perform(json("/api/v1/whistles", report("\"" + script.replace("\"", "\\\"") + "\"")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
		assertThat(node.get("description").asString()).isEqualTo(script);
		String page = perform(get("/track/" + node.get("trackingCode").asString())).andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain("<script>alert(1)")
			.doesNotContain("<img src=x")
			.contains("&lt;script&gt;alert(1)");
	}

	@TestFactory
	Stream<DynamicTest> everyHostileInputEndsInA4xxAndChangesNothing() throws Exception {
		return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
			Map<String, Integer> before = counts();
			String address = "10.66." + (ADDRESS.get() / 250) + "." + (ADDRESS.getAndIncrement() % 250 + 1);
			MockHttpServletResponse response = mvc.perform(c.request().get().with(r -> {
				r.setRemoteAddr(address);
				return r;
			})).andReturn().getResponse();
			int status = response.getStatus();
			assertThat(status).as(c.name() + ": " + response.getContentAsString()).isBetween(400, 499);
			if (response.getContentType() != null && !"sign-in: NUL in the username".equals(c.name())) {
				assertThat(response.getContentType()).as(c.name())
					.containsAnyOf("application/problem+json", "text/html");
			}
			assertThat(counts()).as(c.name() + ": row counts").isEqualTo(before);
		}));
	}

	Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, jdbc.sql("select count(*) from " + table).query(Integer.class).single());
		}
		return counts;
	}

}
