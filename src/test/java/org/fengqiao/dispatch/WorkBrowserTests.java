package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.json.JsonMapper;

/**
 * worker1 on a phone finds a new whistle in the work list, accepts it, arrives on scene
 * and resolves it.
 */
@FengqiaoIntegration
class WorkBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	ChromeDriver browser;

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void open() {
		browser = Browser.startPhone();
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "work-phone");
	}

	@Test
	void theGridWorkerAcceptsArrivesAndResolvesOnAPhone() throws Exception {
		double[] at = pointIn("61082400100101");
		String body = mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("categoryCode", "UM-0102", "lon", at[0], "lat", at[1],
						"description", "楼下垃圾桶满了没人清 " + UUID.randomUUID()))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = json.readTree(body).get("id").asString();
		By card = By.id("whistle-" + id);

		WebDriverWait wait = Browser.waiting(browser, 30);
		Browser.signIn(browser, "http://localhost:" + port, "worker1");
		wait.until(ExpectedConditions.urlContains("/map"));
		browser.findElement(By.id("nav-work")).click();
		wait.until(ExpectedConditions.urlContains("/work"));

		// The new whistle: blue lamp (grade 3), the category, and a live countdown to the
		// 30-minute response clock.
		WebElement whistle = wait.until(ExpectedConditions.presenceOfElementLocated(card));
		assertThat(whistle.findElement(By.cssSelector(".lamp")).getAttribute("class")).contains("lamp-BLUE");
		assertThat(whistle.findElement(By.cssSelector(".category")).getText()).isEqualTo("暴露垃圾");
		assertThat(whistle.findElement(By.cssSelector(".state")).getText()).isEqualTo("已派发，等待响应");
		WebElement countdown = whistle.findElement(By.cssSelector(".countdown"));
		assertThat(countdown.getAttribute("class")).contains("clock-ON_TIME");
		String first = countdown.findElement(By.cssSelector(".remaining")).getText();
		assertThat(first).matches("剩余 00:(2\\d|30):\\d\\d");
		wait.until(
				d -> !d.findElement(card).findElement(By.cssSelector(".countdown .remaining")).getText().equals(first));
		Browser.assertNoSidewaysScrolling(browser);

		// Accept: the handling clock starts.
		action(card, "accept");
		wait.until(ExpectedConditions.attributeToBe(card, "data-state", "ACCEPTED"));
		assertThat(browser.findElement(card).findElement(By.cssSelector(".countdown")).getText()).startsWith("处置");

		// On scene.
		action(card, "arrive");
		wait.until(ExpectedConditions.attributeToBe(card, "data-state", "ON_SCENE"));

		// Resolve: notes are required.
		WebElement resolve = browser.findElement(card).findElement(By.cssSelector("details summary"));
		resolve.click();
		action(card, "resolve");
		assertThat(browser.findElement(card).findElement(By.cssSelector(".error")).getText()).contains("请先填写说明");
		browser.findElement(card).findElement(By.cssSelector("textarea[name=notes]")).sendKeys("已联系环卫清运完毕");
		java.nio.file.Path photo = java.nio.file.Path.of("target", "work-photo.png").toAbsolutePath();
		java.nio.file.Files.createDirectories(photo.getParent());
		javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB),
				"png", photo.toFile());
		browser.findElement(card)
			.findElement(By.cssSelector("input[type=file][name=photos]"))
			.sendKeys(photo.toString());
		action(card, "resolve");
		wait.until(ExpectedConditions.attributeToBe(card, "data-state", "RESOLVED"));
		assertThat(browser.findElement(card).findElement(By.cssSelector(".state")).getText()).isEqualTo("已办结，等待您确认");
		assertThat(browser.findElement(card).findElements(By.cssSelector("button[data-action]"))).isEmpty();
		assertThat(jdbc.sql("select state from whistle where id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo("RESOLVED");
		assertThat(jdbc.sql("select count(*) from whistle_photo where whistle_id = ? and stage = 'RESOLUTION'")
			.param(UUID.fromString(id))
			.query(Integer.class)
			.single()).as("the photo of the work done").isEqualTo(1);
		Browser.assertNoSidewaysScrolling(browser);
	}

	private void action(By card, String action) {
		WebElement button = browser.findElement(card).findElement(By.cssSelector("button[data-action=" + action + "]"));
		browser.executeScript("arguments[0].scrollIntoView({ block: 'center' })", button);
		button.click();
	}

	double[] pointIn(String gridCode) {
		var at = directory.interiorPoint(gridCode).orElseThrow();
		return new double[] { at.lon(), at.lat() };
	}

}
