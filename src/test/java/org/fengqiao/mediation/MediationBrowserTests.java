package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mediator's journey on a phone (掌上矛调管家): register a dispute found on foot, take it,
 * hold a session in a named room, record the agreement, confirm performance at the
 * follow-up visit and archive the case.
 */
@FengqiaoIntegration
class MediationBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeEach
	void open() {
		browser = Browser.startPhone();
		wait = Browser.waiting(browser, 30);
	}

	@AfterEach
	void close() throws Exception {
		Browser.screenshotAndQuit(browser, "mediation-phone");
	}

	@Test
	void theMediatorTakesADisputeFromScreeningToArchiveOnAPhone() throws Exception {
		String village = jdbc
			.sql("""
					select u.area_code from person_account a join person p on p.id = a.person_id join unit u on u.code = p.unit_code
					where a.username = 'mediator1'""")
			.query(String.class)
			.single();
		String marker = "邻里通道堆放杂物引发争吵 " + UUID.randomUUID().toString().substring(0, 8);

		Browser.signIn(browser, "http://localhost:" + port, "mediator1");
		wait.until(ExpectedConditions.urlContains("/map"));
		click(By.id("nav-disputes"));
		wait.until(ExpectedConditions.urlContains("/disputes"));
		click(By.id("new-dispute"));

		// Screening: type, description, village, two parties.
		new Select(browser.findElement(By.id("type"))).selectByValue("NEIGHBOURS");
		browser.findElement(By.id("description")).sendKeys(marker);
		new Select(browser.findElement(By.id("villageCode"))).selectByValue(village);
		browser.findElement(By.id("party0-name")).sendKeys("赵大明");
		browser.findElement(By.id("party0-id")).sendKeys("610824197001011230");
		browser.findElement(By.id("party1-name")).sendKeys("钱小红");
		click(By.id("register"));
		// A wrong check digit is refused with a message in Chinese, and the form keeps
		// what was typed.
		WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
		assertThat(error.getText()).contains("身份证号");
		assertThat(browser.findElement(By.id("party0-name")).getAttribute("value")).isEqualTo("赵大明");
		assertThat(new Select(browser.findElement(By.id("villageCode"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo(village);
		browser.findElement(By.id("party0-id")).sendKeys("610824197001011239");
		click(By.id("register"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("summary")));
		assertThat(browser.findElement(By.id("state")).getAttribute("data-state")).isEqualTo("REGISTERED");
		assertThat(browser.findElement(By.id("rung")).getAttribute("data-rung")).isEqualTo("VILLAGE_CENTRE");
		Browser.assertNoSidewaysScrolling(browser);

		// Take the case, then a session in one of the village's rooms.
		click(By.id("take"));
		wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "MEDIATING"));
		Select room = new Select(browser.findElement(By.id("room")));
		assertThat(room.getOptions()).isNotEmpty();
		click(By.id("schedule"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attendees"))).sendKeys("赵大明、钱小红、调解员");
		browser.findElement(By.id("minutes")).sendKeys("双方同意三日内清理通道杂物，今后共同维护");
		click(By.id("record-session"));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions .text")));

		// The agreement.
		click(By.cssSelector("#agree-details summary"));
		browser.findElement(By.id("obligations")).sendKeys("钱小红三日内清理通道杂物");
		browser.findElement(By.id("performance")).sendKeys("自行清理，调解员现场查看");
		click(By.id("agree"));
		wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "AGREED"));
		assertThat(browser.findElement(By.id("agreement-pdf")).getAttribute("href")).endsWith("/agreement.pdf");
		assertThat(browser.findElement(By.id("confirmation-due")).getText()).matches("\\d{4}-\\d{2}-\\d{2}");

		// The follow-up visit finds it performed: settled.
		browser.findElement(By.id("follow-up-notes")).sendKeys("通道已清理干净，双方和好");
		click(By.id("record-follow-up"));
		wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "SETTLED"));

		click(By.id("archive-button"));
		wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "ARCHIVED"));
		assertThat(browser.findElement(By.id("history")).getText()).contains("登记", "指派调解员", "达成协议", "回访", "归档");
		Browser.assertNoSidewaysScrolling(browser);
		Browser.screenshot(browser, "mediation-dispute-phone");

		// The list finds it by its words.
		browser.get("http://localhost:" + port + "/disputes?q=" + marker.substring(marker.length() - 8));
		assertThat(browser.findElements(By.cssSelector(".dispute-card"))).hasSize(1);
	}

	private void click(By by) {
		WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(by));
		browser.executeScript("arguments[0].scrollIntoView({ block: 'center' })", element);
		wait.until(ExpectedConditions.elementToBeClickable(by)).click();
	}

}
