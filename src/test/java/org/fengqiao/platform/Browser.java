package org.fengqiao.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages,
 * with the binary and driver named explicitly so Selenium never tries to download one
 * (the machines have no internet).
 */
public final class Browser {

	private Browser() {
	}

	/**
	 * Signs in on the login page with a demo account (password {@code fengqiao-demo}).
	 */
	public static void signIn(ChromeDriver browser, String baseUrl, String username) {
		browser.get(baseUrl + "/login");
		browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
		browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("fengqiao-demo");
		browser.findElement(org.openqa.selenium.By.id("login")).click();
	}

	/**
	 * Saves a screenshot under target/screenshots for a look after the run, then closes
	 * the browser.
	 */
	public static void screenshotAndQuit(ChromeDriver browser, String name) throws IOException {
		try {
			screenshot(browser, name);
		}
		finally {
			browser.quit();
		}
	}

	/** Saves a screenshot of the page as it is under target/screenshots. */
	public static void screenshot(ChromeDriver browser, String name) throws IOException {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
	}

	/** A browser with a phone-sized window (400 × 860). */
	public static ChromeDriver startPhone() {
		ChromeDriver browser = start();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(400, 860));
		return browser;
	}

	/**
	 * Waits up to the given seconds, ignoring elements that a live page replaced
	 * meanwhile.
	 */
	public static org.openqa.selenium.support.ui.WebDriverWait waiting(ChromeDriver browser, int seconds) {
		return (org.openqa.selenium.support.ui.WebDriverWait) new org.openqa.selenium.support.ui.WebDriverWait(browser,
				Duration.ofSeconds(seconds))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
	}

	/** Pages are made for phones: nothing wider than the window. */
	public static void assertNoSidewaysScrolling(ChromeDriver browser) {
		Long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
		org.assertj.core.api.Assertions.assertThat(overflow)
			.as("no sideways scrolling on a phone")
			.isLessThanOrEqualTo(0L);
	}

	public static ChromeDriver start() {
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
					"--disable-quic", "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
				.usingAnyFreePort()
				.build();
			ChromeDriver browser = new ChromeDriver(service, options);
			browser.manage().timeouts().implicitlyWait(Duration.ZERO);
			return browser;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

}
