package org.fengqiao.organisation;

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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The command centre opens the compliance report on a phone-sized screen and sees the
 * breaches on the map.
 */
@FengqiaoIntegration
class ComplianceBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() {
		browser = Browser.startPhone();
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "compliance-phone");
	}

	@Test
	void theReportAndItsMapWorkOnAPhone() {
		WebDriverWait wait = Browser.waiting(browser, 30);
		Browser.signIn(browser, "http://localhost:" + port, "command");
		wait.until(ExpectedConditions.urlContains("/map"));
		browser.get("http://localhost:" + port + "/organisation/compliance");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#compliance-map canvas")));
		// The breaching grids are painted in the breach colour (the canvas holds red
		// pixels).
		wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript("""
				const c = document.querySelector('#compliance-map canvas');
				const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
				for (let i = 0; i < data.length; i += 4) {
				  if (data[i] > 150 && data[i + 1] < 90 && data[i + 2] < 90 && data[i + 3] > 100) return true;
				}
				return false;"""));
		assertThat(browser.findElements(By.cssSelector("#grid-breaches tbody tr"))).hasSizeGreaterThanOrEqualTo(4);
		assertThat(browser.findElement(By.id("stations")).getText()).contains("未达标");
		Long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
		assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
	}

}
