package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * On a phone: the command centre opens the evaluation and a score's explanation, and has
 * every township's brief made in the background, watching its progress to the download.
 */
@FengqiaoIntegration
class EvaluationBrowserTests {

	@LocalServerPort
	int port;

	@Test
	void theEvaluationExplainsAScoreOnAPhone() throws Exception {
		ChromeDriver browser = Browser.startPhone();
		try {
			WebDriverWait wait = Browser.waiting(browser, 30);
			Browser.signIn(browser, "http://localhost:" + port, "command");
			wait.until(ExpectedConditions.urlContains("/map"));
			browser.get("http://localhost:" + port + "/evaluation?of=township");
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scores > li")));
			assertThat(browser.findElements(By.cssSelector("#scores > li"))).hasSize(17);
			WebElement first = browser.findElement(By.cssSelector("#scores > li"));
			assertThat(first.findElement(By.cssSelector(".grade")).getText()).matches("[ABCD—]");
			first.findElement(By.cssSelector("summary")).click();
			WebElement parts = first.findElement(By.cssSelector("table.parts"));
			wait.until(ExpectedConditions.visibilityOf(parts));
			assertThat(parts.getText()).contains("受理群众吹哨").contains("办结率").contains("返工率");
			assertThat(browser.findElement(By.id("evaluation-rules")).getText()).contains("A ≥90").contains("D <60");
			Browser.assertNoSidewaysScrolling(browser);
			browser.executeScript("arguments[0].scrollIntoView()", first);
			Browser.screenshot(browser, "evaluation-phone");
			new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("of"))).selectByValue("station");
			browser.findElement(By.cssSelector("#evaluation-form button")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("scores"), "西郊派出所"));
			Browser.assertNoSidewaysScrolling(browser);
		}
		finally {
			Browser.screenshotAndQuit(browser, "evaluation-stations-phone");
		}
	}

	@Test
	void everyTownshipsBriefIsMadeInTheBackground() throws Exception {
		ChromeDriver browser = Browser.startPhone();
		try {
			WebDriverWait wait = Browser.waiting(browser, 60);
			Browser.signIn(browser, "http://localhost:" + port, "command");
			wait.until(ExpectedConditions.urlContains("/map"));
			browser.get("http://localhost:" + port + "/statistics/brief");
			assertThat(browser.findElement(By.id("brief-paragraph")).getText()).contains("全县共受理群众吹哨");
			assertThat(browser.findElement(By.id("download-pdf")).getAttribute("href")).contains("format=pdf");
			Browser.assertNoSidewaysScrolling(browser);
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("brief")));
			Browser.screenshot(browser, "brief-phone");
			browser.executeScript("window.scrollTo(0, 0)");
			browser.findElement(By.cssSelector("#brief-jobs button[data-format=xlsx]")).click();
			WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("brief-job-download")));
			assertThat(link.getAttribute("href")).contains("/api/v1/briefs/monthly/jobs/").endsWith("/file");
			assertThat(browser.findElement(By.id("brief-progress")).getAttribute("value"))
				.isEqualTo(browser.findElement(By.id("brief-progress")).getAttribute("max"));
		}
		finally {
			Browser.screenshotAndQuit(browser, "brief-job-phone");
		}
	}

}
