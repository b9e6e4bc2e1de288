package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The command centre opens the dashboard (on a desk and on a phone) and the big screen
 * (1920×1080) in a real browser: the charts render, the cards and tiles show numbers, the
 * maps have polygons, the map drills down, the big screen follows a new whistle live and
 * never scrolls, and no script fails. Screenshots are kept under target/screenshots.
 */
@FengqiaoIntegration
class StatisticsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	ChromeDriver browser;

	String shot = "statistics";

	@AfterEach
	void close() throws Exception {
		if (browser != null) {
			Browser.screenshotAndQuit(browser, shot);
		}
	}

	/**
	 * Browser.start's setup, with the browser's console log kept for the test to read.
	 */
	static ChromeDriver start(int width, int height) {
		File binary = new File(System.getProperty("fengqiao.chromium", "/usr/bin/chromium"));
		File driver = new File(System.getProperty("fengqiao.chromedriver", "/usr/bin/chromedriver"));
		if (!binary.canExecute() || !driver.canExecute()) {
			throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver packages ("
					+ binary + ", " + driver + "): apt-get install -y chromium chromium-driver");
		}
		try {
			Path profile = Files.createTempDirectory("fengqiao-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(binary);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--disable-quic", "--window-size=" + width + "," + height, "--lang=zh-CN",
					"--user-data-dir=" + profile);
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.BROWSER, Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
				.usingAnyFreePort()
				.build();
			ChromeDriver browser = new ChromeDriver(service, options);
			browser.manage().timeouts().implicitlyWait(Duration.ZERO);
			// The viewport exactly this size, whatever the window decorations take.
			browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 760));
			return browser;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	void signIn() {
		signIn("command");
	}

	void signIn(String user) {
		WebDriverWait wait = Browser.waiting(browser, 30);
		Browser.signIn(browser, "http://localhost:" + port, user);
		wait.until(ExpectedConditions.urlContains("/map"));
		wait.until(d -> ((ChromeDriver) d).executeScript("return document.readyState").equals("complete"));
		// What the login and map pages logged is theirs: read it away before our pages
		// open.
		errors();
	}

	/**
	 * Errors in the browser's console (script errors, failed requests, refused policies).
	 */
	List<String> errors() {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
			// The platform has no favicon (the browser asks for one on its own).
			.filter(e -> !e.getMessage().contains("/favicon.ico"))
			.map(LogEntry::getMessage)
			.toList();
	}

	/** Whether an ECharts chart has drawn on a canvas of non-zero size. */
	boolean chartDrawn(String id) {
		return (Boolean) browser.executeScript("""
				const c = document.querySelector('#' + arguments[0] + ' canvas');
				return !!c && c.width > 0 && c.height > 0 && c.getBoundingClientRect().height > 50;""", id);
	}

	long polygons(String mapVariable) {
		return (Long) browser.executeScript("""
				let n = 0;
				window[arguments[0]].eachLayer(l => { if (l.feature && /Polygon/.test(l.feature.geometry.type)) n++; });
				return n;""", mapVariable);
	}

	@Test
	void theDashboardShowsCardsChartsAndAMapThatDrillsDown() {
		browser = start(1400, 1000);
		shot = "statistics-dashboard";
		WebDriverWait wait = Browser.waiting(browser, 40);
		signIn();
		browser.findElement(By.id("nav-statistics")).click();
		wait.until(ExpectedConditions.urlContains("/statistics"));
		wait.until(d -> d.findElements(By.cssSelector(".stat-card .stat-value")).size() >= 8);
		wait.until(d -> d.findElements(By.cssSelector(".stat-card .stat-value"))
			.stream()
			.anyMatch(e -> e.getText().matches("[\\d,]+")));
		assertThat(
				browser.findElement(By.cssSelector(".stat-card[data-code='whistles.received'] .stat-value")).getText())
			.matches("[\\d,]+");
		wait.until(d -> chartDrawn("trend-chart") && chartDrawn("breakdown-chart"));
		wait.until(d -> polygons("fengqiaoStatisticsMap") == 17);
		assertThat(browser.findElements(By.cssSelector("#values-table tbody tr"))).hasSizeGreaterThan(10);
		assertThat(browser.findElements(By.cssSelector("#breakdown-table tbody tr"))).hasSizeGreaterThanOrEqualTo(1);
		assertThat(browser.findElement(By.id("values-export")).getAttribute("href")).contains("/indicators/values.xlsx")
			.contains("area=610824");
		assertThat(browser.findElement(By.id("breakdown-export-2")).getAttribute("href"))
			.contains("/indicators/breakdown.xlsx")
			.contains("by=township");

		// Clicking a township on the map goes down to its villages.
		browser.executeScript("""
				const map = window.fengqiaoStatisticsMap;
				let first = null;
				map.eachLayer(l => { if (!first && l.feature && /Polygon/.test(l.feature.geometry.type)) first = l; });
				first.fire('click');""");
		wait.until(d -> d.findElements(By.cssSelector("#area-chain .crumb")).size() == 2);
		wait.until(d -> polygons("fengqiaoStatisticsMap") > 1 && d.findElement(By.id("map-title"))
			.getText()
			.contains(d.findElement(By.cssSelector(".crumb.current")).getText()));
		assertThat(browser.findElement(By.id("breakdown-by")).getAttribute("value")).isEqualTo("village");
		wait.until(d -> chartDrawn("breakdown-chart"));
		assertThat(errors()).as("no error in the browser's console").isEmpty();
		wholePage(1400, "statistics-dashboard-whole");
	}

	/** A screenshot of the whole page, the viewport stretched to its height. */
	void wholePage(int width, String name) {
		long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 760));
		// Charts follow the window's size; the screenshot shows them as laid out.
		browser.executeScript("window.dispatchEvent(new Event('resize'))");
		screenshot(name);
	}

	void screenshot(String name) {
		try {
			Browser.screenshot(browser, name);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void theDashboardWorksOnAPhone() {
		browser = start(400, 860);
		shot = "statistics-phone";
		WebDriverWait wait = Browser.waiting(browser, 40);
		signIn();
		browser.get("http://localhost:" + port + "/statistics");
		wait.until(d -> d.findElements(By.cssSelector(".stat-card .stat-value"))
			.stream()
			.anyMatch(e -> e.getText().matches("[\\d,]+")));
		wait.until(d -> chartDrawn("trend-chart") && polygons("fengqiaoStatisticsMap") > 0);
		Browser.assertNoSidewaysScrolling(browser);
		assertThat(errors()).as("no error in the browser's console").isEmpty();
		for (String part : List.of("trend-chart", "choropleth", "values-table")) {
			browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", part);
			screenshot("statistics-phone-" + part);
		}
	}

	@Test
	void theBigScreenFitsTheScreenAndFollowsNewWhistlesLive() throws Exception {
		browser = start(1920, 1080);
		shot = "bigscreen";
		WebDriverWait wait = Browser.waiting(browser, 40);
		signIn();
		browser.findElement(By.id("nav-bigscreen")).click();
		wait.until(ExpectedConditions.urlContains("/bigscreen"));
		wait.until(ExpectedConditions.textToBe(By.id("live-state"), "实时"));
		wait.until(d -> d.findElement(By.cssSelector("#tile-received .bs-number")).getText().matches("[\\d,]+"));
		for (String tile : List.of("accepted", "closed", "overdue")) {
			assertThat(browser.findElement(By.cssSelector("#tile-" + tile + " .bs-number")).getText()).as(tile)
				.matches("[\\d,]+");
		}
		wait.until(d -> chartDrawn("trend-chart") && chartDrawn("grade-chart") && chartDrawn("category-chart"));
		wait.until(d -> polygons("fengqiaoBigScreenMap") == 17);
		assertThat(browser.findElements(By.cssSelector("#ranking-best li"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#alarms li"))).isNotEmpty();
		assertThat(browser.findElement(By.cssSelector("#ladder-village .bs-value")).getText()).matches("[\\d.]+%|—");
		assertThat((Long) browser.executeScript("return window.innerWidth")).isEqualTo(1920L);
		assertThat((Long) browser.executeScript("return document.documentElement.scrollHeight - window.innerHeight"))
			.as("no vertical scrolling at 1920×1080")
			.isLessThanOrEqualTo(0L);
		assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
			.as("no sideways scrolling at 1920×1080")
			.isLessThanOrEqualTo(0L);
		Browser.screenshot(browser, "bigscreen-before");

		// A resident reports: the server-sent event makes the screen fetch today's
		// figures
		// again.
		int before = Integer
			.parseInt(browser.findElement(By.cssSelector("#tile-received .bs-number")).getText().replace(",", ""));
		var p = directory.interiorPoint("6108240010090101").orElseThrow();
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder()
				.uri(URI.create("http://localhost:" + port + "/api/v1/whistles"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"categoryCode\":\"UM-0102\",\"lon\":" + p.lon()
						+ ",\"lat\":" + p.lat() + ",\"description\":\"大屏实时测试\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		wait.until(d -> Integer.parseInt(
				d.findElement(By.cssSelector("#tile-received .bs-number")).getText().replace(",", "")) == before + 1);
		assertThat(errors()).as("no error in the browser's console").isEmpty();
	}

	@Test
	void aTownshipsChiefSeesTheTownshipOnTheBigScreenAndAGridWorkerTheirGridOnTheDashboard() {
		browser = start(1920, 1080);
		shot = "bigscreen-township-end";
		WebDriverWait wait = Browser.waiting(browser, 40);
		signIn("ningtiaoliang");
		browser.get("http://localhost:" + port + "/bigscreen");
		wait.until(ExpectedConditions.textToBe(By.id("area-name"), "宁条梁镇"));
		wait.until(d -> d.findElement(By.cssSelector("#tile-received .bs-number")).getText().matches("[\\d,]+"));
		wait.until(d -> polygons("fengqiaoBigScreenMap") > 3);
		wait.until(d -> chartDrawn("trend-chart"));
		assertThat((Long) browser.executeScript("return document.documentElement.scrollHeight - window.innerHeight"))
			.isLessThanOrEqualTo(0L);
		assertThat(errors()).as("no error in the browser's console").isEmpty();
		screenshot("bigscreen-township");
		browser.quit();

		browser = start(400, 860);
		shot = "statistics-grid-worker";
		signIn("worker1");
		browser.get("http://localhost:" + port + "/statistics");
		wait = Browser.waiting(browser, 40);
		wait.until(d -> d.findElements(By.cssSelector("#area-chain .crumb")).size() == 1);
		wait.until(d -> d.findElements(By.cssSelector(".stat-card .stat-value"))
			.stream()
			.anyMatch(e -> e.getText().matches("[\\d,]+")));
		wait.until(d -> polygons("fengqiaoStatisticsMap") == 1);
		assertThat(browser.findElement(By.id("area-child")).isDisplayed()).as("nothing below a grid").isFalse();
		assertThat(browser.findElement(By.cssSelector("#area-chain .crumb")).getText()).contains("网格");
		assertThat(errors()).as("no error in the browser's console").isEmpty();
	}

}
