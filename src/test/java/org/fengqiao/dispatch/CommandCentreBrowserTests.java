package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command centre's map shows a new report without a reload (server-sent events) and
 * lists overdue items.
 */
@FengqiaoIntegration
class CommandCentreBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	ChromeDriver browser;

	@BeforeEach
	void open() {
		browser = Browser.start();
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "command");
	}

	@Test
	void aNewReportAppearsLiveAndOverdueItemsAreListed() throws Exception {
		WebDriverWait wait = Browser.waiting(browser, 40);
		Browser.signIn(browser, "http://localhost:" + port, "command");
		wait.until(ExpectedConditions.urlContains("/map"));
		browser.findElement(By.id("nav-command")).click();
		wait.until(ExpectedConditions.textToBe(By.id("live-state"), "实时"));
		wait.until(d -> Integer.parseInt(d.findElement(By.id("open-count")).getText()) > 0);
		assertThat(browser.findElements(By.cssSelector("#overdue li"))).as("the demo's overdue whistles").isNotEmpty();
		int before = Integer.parseInt(browser.findElement(By.id("open-count")).getText());

		var p = directory.interiorPoint("6108240010090101").orElseThrow();
		HttpResponse<String> created = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder()
				.uri(URI.create("http://localhost:" + port + "/api/v1/whistles"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"categoryCode\":\"UM-0102\",\"lon\":" + p.lon()
						+ ",\"lat\":" + p.lat() + ",\"description\":\"实时推送测试\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		wait.until(d -> Integer.parseInt(d.findElement(By.id("open-count")).getText()) == before + 1);
	}

}
