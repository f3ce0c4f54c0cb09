package dev.failsafe.idp.testing.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assertions;
import dev.failsafe.idp.testing.Directories;
import dev.failsafe.idp.testing.RequiredComponent;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through the locally installed ChromeDriver, with a fresh profile and
 * a phone-sized window (412 x 915), so pages are exercised at mobile width.
 *
 * <p>Both executables come from the machine, never from Selenium Manager: {@value #BROWSER_ENV}
 * (default {@value #DEFAULT_BROWSER}) and {@value #DRIVER_ENV} (default {@value #DEFAULT_DRIVER}).
 * When either is missing, {@link #requireInstalled()} fails the test on CI ({@code CI=true}) and
 * skips it elsewhere. The browser resolves no host but {@code localhost} and {@code 127.0.0.1}, and
 * its background services (updates, sync, pings) are off, so it connects nowhere but loopback.
 */
public final class HeadlessChromium implements AutoCloseable {

	/** Environment variable naming the Chromium executable. */
	public static final String BROWSER_ENV = "CHROME_BIN";

	/** Environment variable naming the ChromeDriver executable. */
	public static final String DRIVER_ENV = "CHROMEDRIVER";

	static final String DEFAULT_BROWSER = "/usr/bin/chromium";

	static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";

	/** How long any wait for the browser lasts before the test fails. */
	public static final Duration DEADLINE = Duration.ofSeconds(15);

	/** The viewport's CSS width and height: a common Android phone's. */
	public static final int PHONE_WIDTH = 412;

	public static final int PHONE_HEIGHT = 915;

	private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
			"--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
			"--no-default-browser-check", "--disable-features=PasswordLeakDetection,OptimizationHints,Translate,"
					+ "MediaRouter,AutofillServerCommunication",
			"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
			"--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(Path profile) {
		this.profile = profile;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browserExecutable().toFile());
		options.addArguments(ARGUMENTS);
		options.addArguments("--user-data-dir=" + profile);
		// Desktop Chromium keeps windows at least 500 px wide; emulate the phone's viewport exactly.
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", PHONE_WIDTH,
				"height", PHONE_HEIGHT, "pixelRatio", 1.0, "mobile", true, "touch", true)));
		options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
				"profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
		this.service = new ChromeDriverService.Builder()
			.usingDriverExecutable(driverExecutable().toFile())
			.usingAnyFreePort()
			.withLogFile(logFile())
			.build();
		try {
			this.driver = new ChromeDriver(this.service, options);
			this.driver.manage().timeouts().pageLoadTimeout(DEADLINE);
		}
		catch (RuntimeException ex) {
			this.service.stop();
			Directories.deleteQuietly(profile);
			throw ex;
		}
	}

	/**
	 * Fails (on CI) or skips (elsewhere) the calling test unless Chromium and ChromeDriver are
	 * installed where {@link #start()} looks for them.
	 */
	public static void requireInstalled() {
		for (Path executable : List.of(browserExecutable(), driverExecutable())) {
			if (!Files.isExecutable(executable)) {
				String message = "Browser tests need Chromium and ChromeDriver: " + executable
						+ " is missing or not executable (set " + BROWSER_ENV + " / " + DRIVER_ENV
						+ ", or install the Debian packages chromium and chromium-driver)";
				RequiredComponent.missing(message);
			}
		}
	}

	/** Starts ChromeDriver and a browser with a new, empty profile. */
	public static HeadlessChromium start() {
		requireInstalled();
		return new HeadlessChromium(Directories.createTemp("chromium-profile-"));
	}

	public WebDriver driver() {
		return this.driver;
	}

	/** A wait that fails after {@link #DEADLINE}, saying where the browser was and what it showed. */
	public WebDriverWait await() {
		WebDriverWait wait = new WebDriverWait(this.driver, DEADLINE);
		wait.withMessage(this::whereAmI);
		return wait;
	}

	/** Forgets every cookie and leaves the current page, as if a new user sat down. */
	public void reset() {
		this.driver.get("about:blank");
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	/**
	 * Clicks {@code element} and waits until the browser has loaded the document the click leads
	 * to (following any redirects), wherever that is.
	 */
	public void clickAndAwaitNextPage(WebElement element) {
		this.driver.executeScript("window.leftBehindByTest = true;");
		element.click();
		// While the page changes, the driver may briefly fail to run scripts: keep asking.
		await().ignoring(WebDriverException.class)
			.until(driver -> Boolean.TRUE.equals(this.driver.executeScript(
					"return window.leftBehindByTest === undefined && document.readyState === 'complete';")));
	}

	/** Saves what the browser shows to {@code target/screenshots/<name>.png}, for humans to look at. */
	public Path screenshot(String name) {
		Path target = buildDirectory().resolve("screenshots").resolve(name + ".png");
		try {
			Files.createDirectories(target.getParent());
			Files.copy(this.driver.getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The current URL and the page's visible text, for failure messages. */
	public String whereAmI() {
		try {
			String text = this.driver.findElement(By.tagName("body")).getText();
			return "browser at " + this.driver.getCurrentUrl() + " showing: "
					+ ((text.length() > 500) ? text.substring(0, 500) + "..." : text);
		}
		catch (WebDriverException ex) {
			return "browser at " + this.driver.getCurrentUrl();
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			Directories.deleteQuietly(this.profile);
		}
	}

	private static Path browserExecutable() {
		return executable(BROWSER_ENV, DEFAULT_BROWSER);
	}

	private static Path driverExecutable() {
		return executable(DRIVER_ENV, DEFAULT_DRIVER);
	}

	private static Path executable(String variable, String fallback) {
		String configured = System.getenv(variable);
		return Path.of((configured != null && !configured.isBlank()) ? configured : fallback);
	}

	private static Path buildDirectory() {
		return Path.of(System.getProperty("basedir", "."), "target");
	}

	private static File logFile() {
		Path log = buildDirectory().resolve("chromedriver.log");
		try {
			Files.createDirectories(log.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return log.toFile();
	}

}
