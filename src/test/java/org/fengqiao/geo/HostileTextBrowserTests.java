package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile text in a real browser: an administrator imports a grid named with HTML that
 * would run script, a resident reports a whistle and applies for mediation with such
 * text, and staff then open the map, the compliance report, the work list, the command
 * centre and the dispute. Nothing runs ({@code window.__xss} stays undefined), the text
 * is shown as typed, and no page breaks the Content-Security-Policy.
 */
@FengqiaoIntegration
class HostileTextBrowserTests {

	/**
	 * Both an event-handler and a script-tag variant, in one grid name (at most 100
	 * characters).
	 */
	static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

	/** worker1's grid: the hostile whistle lands in its work list. */
	static final String WORKER1_GRID = "61082400100101";

	/**
	 * Registered before each page loads: counts violations of the page's
	 * Content-Security-Policy.
	 */
	static final String CSP_WATCH = """
			window.__csp = [];
			document.addEventListener('securitypolicyviolation',
			  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));""";

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	Grids grids;

	@Autowired
	GridDirectory directory;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	ChromeDriver browser;

	Grid original;

	@BeforeEach
	void open() {
		browser = Browser.start();
		browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_WATCH));
	}

	@AfterEach
	void close() throws Exception {
		try {
			Browser.screenshotAndQuit(browser, "hostile-text");
		}
		finally {
			if (original != null) {
				importGrid(original, original.name());
			}
		}
	}

	@Test
	void hostileTextIsShownAsTextAndNeverRuns() throws Exception {
		// A grid in breach of a staffing rule, so its name is also in the compliance
		// report's table.
		String code = breachingBasicGrid();
		original = grids.findByCode(code).orElseThrow();
		importGrid(original, HOSTILE);
		assertThat(grids.findByCode(code)).get().extracting(Grid::name).isEqualTo(HOSTILE);

		double[] at = quietPointIn(WORKER1_GRID);
		String whistle = json.readTree(mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("categoryCode", "UM-0102", "lon", at[0], "lat", at[1],
						"description", "垃圾 " + HOSTILE, "reporterName", "<b>" + HOSTILE.substring(0, 20)))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asString();
		String disputeCode = json.readTree(mvc
			.perform(post("/api/v1/public/disputes").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("type", "NEIGHBOURS", "applicantName", HOSTILE.substring(0, 36),
						"applicantPhone", "13900003333", "respondentName", "<script>window.__xss=3</script>",
						"villageCode", WORKER1_GRID.substring(0, 12), "description", "邻里纠纷 " + HOSTILE))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("trackingCode").asString();
		String dispute = json
			.readTree(mvc
				.perform(get("/api/v1/disputes").param("q", disputeCode).with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get(0)
			.get("id")
			.asString();

		String base = "http://localhost:" + port;
		WebDriverWait wait = Browser.waiting(browser, 40);

		// worker1's work list: the description as typed.
		Browser.signIn(browser, base, "worker1");
		wait.until(ExpectedConditions.urlContains("/map"));
		browser.get(base + "/work");
		WebElement card = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whistle-" + whistle)));
		assertThat(card.findElement(By.cssSelector(".description")).getText()).isEqualTo("垃圾 " + HOSTILE);
		assertThat(card.findElements(By.tagName("img"))).isEmpty();
		assertSafe("work");
		Browser.screenshot(browser, "hostile-text-work");

		browser.manage().deleteAllCookies();
		Browser.signIn(browser, base, "command");
		wait.until(ExpectedConditions.urlContains("/map"));

		// The map: hover the grid, click into it, open its tooltip.
		Point inside = original.boundary().getInteriorPoint();
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript("return !!window.fengqiaoMap && performance"
				+ ".getEntriesByType('resource').filter(e => e.name.includes('/geo/layers/')).length >= 4"));
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(hasFeature("fengqiaoMap"), code));
		browser.executeScript("window.fengqiaoMap.setView([arguments[1], arguments[0]], 15, { animate: false })",
				inside.getX(), inside.getY());
		hoverAndClick("map", "fengqiaoMap", inside);
		WebElement chain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain-list")));
		wait.until(ExpectedConditions.textToBePresentInElement(chain, HOSTILE));
		String tooltip = openTooltip("fengqiaoMap", code);
		assertThat(tooltip).isEqualTo(HOSTILE);
		assertSafe("map");
		Browser.screenshot(browser, "hostile-text-map");

		// The compliance report: the table and the map's tooltip.
		browser.get(base + "/organisation/compliance");
		WebElement table = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grid-breaches")));
		assertThat(table.getText()).contains(HOSTILE);
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(hasFeature("fengqiaoComplianceMap"), code));
		browser.executeScript(
				"window.fengqiaoComplianceMap.setView([arguments[1], arguments[0]], 15, { animate: false })",
				inside.getX(), inside.getY());
		hoverAndClick("compliance-map", "fengqiaoComplianceMap", inside);
		assertThat(openTooltip("fengqiaoComplianceMap", code)).isEqualTo(HOSTILE + " " + code);
		assertSafe("compliance");
		Browser.screenshot(browser, "hostile-text-compliance");

		// The command centre: click the whistle's marker and read it.
		browser.get(base + "/command");
		wait.until(ExpectedConditions.textToBe(By.id("live-state"), "实时"));
		wait.until(d -> Integer.parseInt(d.findElement(By.id("open-count")).getText()) > 0);
		browser.executeScript("window.fengqiaoCommandMap.setView([arguments[1], arguments[0]], 18, { animate: false })",
				at[0], at[1]);
		// The markers are drawn on a canvas: wait for this whistle's marker, then click
		// it as Leaflet would.
		String marker = "let m = null; window.fengqiaoCommandMap.eachLayer(l => { if (l.getLatLng && !l.feature"
				+ " && Math.abs(l.getLatLng().lng - arguments[0]) < 1e-7 && Math.abs(l.getLatLng().lat - arguments[1]) < 1e-7) m = l; });";
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(marker + " return !!m;", at[0], at[1]));
		browser.executeScript(marker + " m.fire('click');", at[0], at[1]);
		WebElement selected = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("selected-text")));
		assertThat(selected.getText()).startsWith("垃圾 " + HOSTILE + " — ");
		assertSafe("command");
		Browser.screenshot(browser, "hostile-text-command");

		// The dispute: parties and description as typed.
		browser.get(base + "/disputes/" + dispute);
		WebElement parties = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("parties")));
		assertThat(parties.getText()).contains(HOSTILE.substring(0, 36), "<script>window.__xss=3</script>");
		assertThat(browser.findElement(By.id("summary")).getText()).contains("邻里纠纷 " + HOSTILE);
		assertSafe("dispute");
		Browser.screenshot(browser, "hostile-text-dispute");

		// Every other page works under the policy (their scripts run: nothing inline is
		// left).
		browser.get(base + "/mediate/track?code=" + disputeCode);
		assertThat(browser.findElement(By.id("case")).getText()).contains(disputeCode);
		for (String page : List.of("/disputes", "/disputes/new", "/report", "/track?code=" + trackingCode(whistle),
				"/mediate", "/mediate/track?code=" + disputeCode, "/swagger-ui/index.html")) {
			browser.get(base + page);
			wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
			assertSafe(page);
		}

		browser.manage().deleteAllCookies();
		Browser.signIn(browser, base, "admin");
		wait.until(ExpectedConditions.urlContains("/map"));
		browser.get(base + "/geo/imports");
		wait.until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
		assertSafe("imports");

		browser.manage().deleteAllCookies();
		browser.get(base + "/login");
		assertSafe("login");
		Browser.signIn(browser, base, "auditor");
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		browser.get(base + "/audit");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("entries")));
		assertSafe("audit");
	}

	/**
	 * No hostile script ran, no hostile element was made, and the page broke no rule of
	 * its policy.
	 */
	private void assertSafe(String page) {
		assertThat(browser.executeScript("return typeof window.__xss")).as("script ran on " + page)
			.isEqualTo("undefined");
		assertThat(browser
			.findElements(By.cssSelector("img[src='x'], main script:not([src]):not([type='application/json'])")))
			.as("hostile elements on " + page)
			.isEmpty();
		assertThat(browser.executeScript("return window.__csp")).as("CSP violations on " + page).asList().isEmpty();
	}

	/**
	 * Moves the mouse onto the point on the map (its tooltip opens on hover), then clicks
	 * there.
	 */
	private void hoverAndClick(String elementId, String map, Point point) {
		WebElement element = browser.findElement(By.id(elementId));
		@SuppressWarnings("unchecked")
		Map<String, Object> xy = (Map<String, Object>) browser.executeScript(
				"const p = window[arguments[0]].latLngToContainerPoint([arguments[2], arguments[1]]); return { x: p.x, y: p.y };",
				map, point.getX(), point.getY());
		int dx = (int) Math.round(((Number) xy.get("x")).doubleValue() - element.getSize().getWidth() / 2.0);
		int dy = (int) Math.round(((Number) xy.get("y")).doubleValue() - element.getSize().getHeight() / 2.0);
		new Actions(browser).moveToElement(element, dx, dy).pause(300).moveByOffset(1, 1).pause(300).click().perform();
	}

	private static String hasFeature(String map) {
		return "let found = false; window." + map
				+ ".eachLayer(l => { if (l.feature && l.feature.properties.code === arguments[0])"
				+ " found = true; }); return found;";
	}

	/**
	 * Opens the tooltip of the grid's feature and returns what it shows (as text),
	 * checking it holds no element.
	 */
	private String openTooltip(String map, String code) {
		return (String) browser.executeScript("""
				let shown = null;
				window[arguments[0]].eachLayer(l => {
				  if (l.feature && l.feature.properties.code === arguments[1]) {
				    l.openTooltip(l.getBounds().getCenter());
				    const element = l.getTooltip().getElement();
				    shown = element.querySelector('img, script') ? 'HTML: ' + element.innerHTML : element.textContent;
				  }
				});
				return shown;""", map, code);
	}

	private String breachingBasicGrid() throws Exception {
		JsonNode report = json
			.readTree(mvc.perform(get("/api/v1/organisation/compliance").with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		List<String> codes = new ArrayList<>();
		report.get("grids").forEach(g -> codes.add(g.get("gridCode").asString()));
		return codes.stream().filter(c -> c.length() == 14).findFirst().orElseThrow();
	}

	private String trackingCode(String whistle) throws Exception {
		return json
			.readTree(mvc.perform(get("/api/v1/whistles/" + whistle).with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("trackingCode")
			.asString();
	}

	/**
	 * A point inside the grid, away from its interior point (where the other tests report
	 * their whistles).
	 */
	private double[] quietPointIn(String code) {
		var boundary = grids.findByCode(code).orElseThrow().boundary();
		Envelope box = boundary.getEnvelopeInternal();
		var usual = directory.interiorPoint(code).orElseThrow();
		for (int i = 1; i < 10; i++) {
			for (int j = 1; j < 10; j++) {
				double lon = box.getMinX() + box.getWidth() * i / 10, lat = box.getMinY() + box.getHeight() * j / 10;
				Point p = boundary.getFactory().createPoint(new Coordinate(lon, lat));
				if (boundary.buffer(-box.getWidth() / 20).contains(p)
						&& Math.hypot(lon - usual.lon(), lat - usual.lat()) > box.getWidth() / 5
						&& noWhistleNear(lon, lat)) {
					return new double[] { lon, lat };
				}
			}
		}
		throw new IllegalStateException("no quiet point in " + code);
	}

	/**
	 * No whistle (the demo's or another test's) within about 50 m, so the marker clicked
	 * is this test's.
	 */
	private boolean noWhistleNear(double lon, double lat) {
		return jdbc.sql("select count(*) from whistle where abs(lon - ?) < 0.0006 and abs(lat - ?) < 0.0005")
			.params(lon, lat)
			.query(Integer.class)
			.single() == 0;
	}

	/**
	 * Imports the grid again under the given name, everything else as it is (topology
	 * findings forced).
	 */
	private void importGrid(Grid grid, String name) throws Exception {
		GeoJsonWriter writer = new GeoJsonWriter(9);
		writer.setEncodeCRS(false);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("code", grid.code());
		properties.put("name", name);
		properties.put("type", grid.type());
		properties.put("households", grid.households());
		properties.put("population", grid.population());
		if (grid.chiefName() != null) {
			properties.put("chief", grid.chiefName());
		}
		if (grid.policeGridCode() != null) {
			properties.put("policeGrid", grid.policeGridCode());
		}
		String feature = "{\"type\":\"Feature\",\"properties\":" + json.writeValueAsString(properties)
				+ ",\"geometry\":" + writer.write(grid.boundary()) + "}";
		String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}";
		mvc.perform(multipart("/api/v1/geo/imports")
			.file(new MockMultipartFile("file", "hostile.geojson", "application/geo+json",
					file.getBytes(StandardCharsets.UTF_8)))
			.param("force", "true")
			.with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isCreated());
	}

}
