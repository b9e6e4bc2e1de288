package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * A resident on a phone reports rubbish in worker1's grid, follows the report with the
 * tracking code, and once the grid worker has resolved it, confirms with four stars and
 * sees it closed.
 */
@FengqiaoIntegration
class ReportBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	ChromeDriver browser;

	@BeforeEach
	void open() {
		browser = Browser.startPhone();
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "report-phone");
	}

	@Test
	void aResidentReportsOnAPhoneFollowsTheReportAndConfirmsItsResolution() throws Exception {
		WebDriverWait wait = Browser.waiting(browser, 30);
		browser.get("http://localhost:" + port + "/report");
		assertThat(browser.getTitle()).contains("我要吹哨");

		// The category: searched, then chosen.
		browser.findElement(By.id("category-search")).sendKeys("垃圾");
		Select category = new Select(browser.findElement(By.id("category")));
		assertThat(category.getOptions())
			.allMatch(o -> o.getText().contains("垃圾") || o.getAttribute("value").isEmpty());
		category.selectByValue("UM-0102");

		// Submitting without a place is refused next to the form, before anything is
		// sent.
		browser.findElement(By.id("description")).sendKeys("小区门口垃圾堆了三天没人清理");
		browser.findElement(By.id("submit")).click();
		assertThat(browser.findElement(By.id("form-error")).getText()).contains("选择位置");

		// The phone's position is not available to this browser: the resident is told so
		// and taps the map instead.
		browser.findElement(By.id("locate-me")).click();
		WebElement geoError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("geo-error")));
		assertThat(geoError.getText()).contains("请在地图上点击选择位置");

		// The place: the resident zooms in on their street in worker1's grid and taps the
		// map there.
		wait.until(d -> "true".equals(d.findElement(By.id("report-map")).getAttribute("data-ready")));
		double[] at = pointIn("61082400100101");
		browser.executeScript("window.fengqiaoReportMap.setView([arguments[1], arguments[0]], 17, { animate: false })",
				at[0], at[1]);
		WebElement map = browser.findElement(By.id("report-map"));
		browser.executeScript("arguments[0].scrollIntoView({ block: 'center' })", map);
		new Actions(browser).moveToElement(map).click().perform();
		WebElement position = browser.findElement(By.id("position"));
		assertThat(position.getText()).contains("已选位置");
		assertThat(Double.parseDouble(position.getAttribute("data-lon"))).isCloseTo(at[0],
				org.assertj.core.data.Offset.offset(1e-4));
		assertThat(Double.parseDouble(position.getAttribute("data-lat"))).isCloseTo(at[1],
				org.assertj.core.data.Offset.offset(1e-4));

		assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("14");
		browser.findElement(By.id("reporter-name")).sendKeys("李女士");
		browser.findElement(By.id("reporter-phone")).sendKeys("13800138000");
		// A photo of the rubbish, from the phone's gallery.
		java.nio.file.Path photo = java.nio.file.Path.of("target", "report-photo.png").toAbsolutePath();
		java.nio.file.Files.createDirectories(photo.getParent());
		javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB),
				"png", photo.toFile());
		browser.findElement(By.id("photos")).sendKeys(photo.toString());
		int before = jdbc.sql("select count(*) from whistle").query(Integer.class).single();
		// The first answer is lost on the way back (the report was stored): the resident
		// is told and taps again,
		// twice in a hurry. The form's Idempotency-Key makes it still one report.
		browser.executeScript("""
				const real = window.fetch;
				let lose = true;
				window.fetch = (url, options) => {
				  const answer = real(url, options);
				  if (lose && String(url).endsWith('/whistles')) {
				    lose = false;
				    return answer.then(() => { throw new TypeError('connection lost'); });
				  }
				  return answer;
				};""");
		browser.findElement(By.id("submit")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-error"), "网络不通"));
		assertThat(jdbc.sql("select count(*) from whistle").query(Integer.class).single()).isEqualTo(before + 1);
		browser.executeScript("const b = document.getElementById('submit'); b.click(); b.click();");

		WebElement trackingCode = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tracking-code")));
		String code = trackingCode.getText();
		assertThat(code).matches("[A-Z0-9]{12}");
		assertThat(jdbc.sql("select count(*) from whistle").query(Integer.class).single()).isEqualTo(before + 1);
		assertThat(jdbc.sql("select idempotency_key from whistle where tracking_code = ?")
			.param(code)
			.query(String.class)
			.single()).startsWith("web-");
		assertThat(jdbc.sql("""
				select count(*) from whistle_photo p join whistle w on w.id = p.whistle_id where w.tracking_code = ?""")
			.param(code)
			.query(Integer.class)
			.single()).as("the photo was stored once").isEqualTo(1);
		Browser.assertNoSidewaysScrolling(browser);

		// The tracking page shows the status in words.
		browser.findElement(By.id("track-link")).click();
		wait.until(ExpectedConditions.urlContains("/track/" + code));
		assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("已派发，等待响应");
		assertThat(browser.findElement(By.id("category")).getText()).isEqualTo("暴露垃圾");
		assertThat(browser.findElement(By.cssSelector(".status .lamp")).getAttribute("class")).contains("lamp-BLUE");
		assertThat(browser.findElement(By.id("history")).getText()).contains("派发", "平台");
		Browser.assertNoSidewaysScrolling(browser);

		// worker1 accepts, arrives and resolves it through the API.
		JsonMapper json = JsonMapper.builder().build();
		String id = json
			.readTree(mvc.perform(get("/api/v1/whistles/track/" + code)).andReturn().getResponse().getContentAsString())
			.get("id")
			.asString();
		for (String action : new String[] { "accept", "arrive", "resolve" }) {
			mvc.perform(post("/api/v1/whistles/" + id + "/" + action).with(httpBasic("worker1", "fengqiao-demo"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"notes\":\"已清运\"}")).andExpect(status().isOk());
		}
		mvc.perform(get("/api/v1/whistles/track/" + code)).andExpect(jsonPath("$.state").value("RESOLVED"));

		// The resident confirms with four stars and sees the report closed.
		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resolved")));
		assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("已办结，等待您确认");
		browser.findElement(By.id("confirm")).click();
		assertThat(browser.findElement(By.id("action-error")).getText()).contains("1 至 5");
		browser.findElement(By.cssSelector("label[for=star-4]")).click();
		browser.findElement(By.id("confirm")).click();
		wait.until(ExpectedConditions.textToBe(By.id("state"), "已结案"));
		assertThat(browser.findElement(By.id("rating")).getText()).isEqualTo("★★★★☆");
		assertThat(browser.findElements(By.id("resolved"))).isEmpty();
		assertThat(browser.findElement(By.id("history")).getText()).contains("群众确认评价", "您", "结案", "w**", "办结");
		Browser.assertNoSidewaysScrolling(browser);
	}

	double[] pointIn(String gridCode) {
		var at = directory.interiorPoint(gridCode).orElseThrow();
		return new double[] { at.lon(), at.lat() };
	}

}
