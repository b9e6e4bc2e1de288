package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A user logs in, opens the county map, clicks a point and sees where it lies. */
@FengqiaoIntegration
class MapBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() {
		browser = Browser.start();
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "map");
	}

	@Test
	void logsInOpensTheMapClicksAPointAndSeesTheChain() {
		WebDriverWait wait = Browser.waiting(browser, 30);
		browser.get("http://localhost:" + port + "/map");
		wait.until(ExpectedConditions.urlContains("/login"));
		assertThat(browser.getPageSource()).contains("登录");
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys("fengqiao-demo");
		browser.findElement(By.id("login")).click();
		wait.until(ExpectedConditions.urlContains("/map"));

		// Wait until the county boundary is drawn (the map has fitted to it), then click
		// the middle of the map.
		wait.until(d -> (Boolean) ((ChromeDriver) d)
			.executeScript("return document.querySelectorAll('.leaflet-overlay-pane canvas').length > 0"
					+ " && document.querySelector('.leaflet-control-layers') !== null"));
		wait.until(d -> !d.findElements(By.cssSelector(".leaflet-tooltip-pane")).isEmpty());
		WebElement map = browser.findElement(By.id("map"));
		sleepUntilLayersLoaded(wait);
		new Actions(browser).moveToElement(map, 0, 0).click().perform();

		WebElement chain = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chain")));
		wait.until(ExpectedConditions.textToBePresentInElement(chain, "靖边县"));
		String text = chain.getText();
		assertThat(text).contains("该点所属", "靖边县 (610824)", "网格（四级）", "警格", "派出所", "最近的警务室");
		assertThat(text).containsPattern("\\(6108241?\\d{2}\\d*\\)");
		WebElement grid = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grid")));
		wait.until(ExpectedConditions.textToBePresentInElement(grid, "网格长"));
		assertThat(grid.getText()).contains("户数", "人口", "上级网格");
	}

	private void sleepUntilLayersLoaded(WebDriverWait wait) {
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
				"return performance.getEntriesByType('resource').filter(e => e.name.includes('/geo/layers/')).length >= 4"));
	}

}
