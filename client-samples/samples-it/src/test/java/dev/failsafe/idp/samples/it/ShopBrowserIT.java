package dev.failsafe.idp.samples.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.failsafe.idp.samples.testing.ProviderClient;
import dev.failsafe.idp.samples.testing.SampleJars;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.browser.HeadlessChromium;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.ProviderProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples as a shopper sees them, in a real headless Chromium: the packaged provider,
 * partner-api and shop as processes (the shop on 127.0.0.1:8081, where the demo clients' redirect
 * URIs point). In order: log in through the shop and order through partner-api; the SPA logs in and
 * reads the same orders; RP-initiated logout; an operator's sign-out reaching the shop by back-channel
 * logout; then the provider killed with SIGKILL: the signed-in
 * shopper keeps shopping, a new visitor gets a clear "sign-in unavailable" page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopBrowserIT {

	private static final String SHOP = "http://127.0.0.1:8081";

	private Path directory;

	private ProviderProcess provider;

	private ProviderProcess partnerApi;

	private ProviderProcess shop;

	private HeadlessChromium browser;

	private WebDriver driver;

	private String issuer;

	@BeforeAll
	void startEverything() throws Exception {
		HeadlessChromium.requireInstalled();
		this.directory = Files.createTempDirectory("shop-browser-it");
		int providerPort = Ports.free();
		this.issuer = SampleJars.issuer(providerPort);
		this.provider = SampleJars.provider(providerPort, this.directory.resolve("provider")).start();
		int partnerPort = Ports.free();
		this.partnerApi = SampleJars.partnerApi(partnerPort, this.directory.resolve("partner-api"), this.issuer,
				this.issuer + "/oauth2/jwks").start();
		this.shop = SampleJars.shop(this.directory.resolve("shop"), this.issuer, "http://127.0.0.1:" + partnerPort)
			.start();
		this.provider.awaitReady(SampleJars.READY_WITHIN);
		this.partnerApi.awaitReady(SampleJars.READY_WITHIN);
		this.shop.awaitReady(SampleJars.READY_WITHIN);
		this.browser = HeadlessChromium.start();
		this.driver = this.browser.driver();
	}

	@AfterAll
	void stopEverything() throws Exception {
		try {
			if (this.browser != null) {
				this.browser.close();
			}
		}
		finally {
			for (ProviderProcess process : new ProviderProcess[] { this.shop, this.partnerApi, this.provider }) {
				if (process != null) {
					process.close();
				}
			}
		}
	}

	@Test
	@Order(1)
	void shopWhenSignedInThroughProviderThenProfileAndOrdersFromPartnerApi() {
		signInThroughShop();

		assertThat(this.driver.getCurrentUrl()).isEqualTo(SHOP + "/profile");
		assertThat(text(By.id("name"))).isEqualTo("Alice Example");
		assertThat(text(By.id("email"))).isEqualTo("alice@example.com");
		String item = placeOrder();
		assertThat(this.driver.findElements(By.className("order"))).extracting(WebElement::getText)
			.contains("2 × " + item);
	}

	@Test
	@Order(2)
	void spaWhenSignedInWithPkceThenOrdersFromPartnerApi() {
		open(SHOP + "/spa/");
		this.browser.clickAndAwaitNextPage(visible(By.id("spa-login")));
		// Alice is still signed in at the provider: only the SPA's consent is asked.
		this.browser.clickAndAwaitNextPage(visible(By.id("allow")));
		this.browser.await().until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute(
				"data-ready")));

		assertThat(text(By.id("spa-welcome"))).isEqualTo("Signed in as Alice Example.");
		visible(By.id("load-orders")).click();
		this.browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.className("spa-order")));
		assertThat(this.driver.findElements(By.className("spa-order"))).isNotEmpty();
		assertThat(this.driver.findElement(By.id("problem")).isDisplayed()).isFalse();
	}

	@Test
	@Order(3)
	void shopWhenLoggedOutThenProviderConfirmsAndShopperIsBackHome() {
		open(SHOP + "/profile");
		this.browser.clickAndAwaitNextPage(visible(By.id("logout")));
		assertThat(this.driver.getCurrentUrl()).isEqualTo(this.issuer + "/logout/confirm");
		this.browser.clickAndAwaitNextPage(visible(By.id("confirm-logout")));

		assertThat(this.driver.getCurrentUrl()).isEqualTo(SHOP + "/");
		assertThat(visible(By.id("login")).getText()).isEqualTo("Log in with Failsafe ID");
	}

	/**
	 * An operator signs alice out everywhere: the provider's logout token reaches the shop's
	 * back-channel endpoint (Spring Security's {@code oidcLogout().backChannel()}), which ends her shop
	 * session, while the browser does nothing.
	 */
	@Test
	@Order(4)
	void shopWhenOperatorSignsTheShopperOutThenBackChannelLogoutEndsTheShopSession() {
		signInThroughShop();
		open(SHOP + "/profile");
		assertThat(text(By.id("name"))).isEqualTo("Alice Example");

		new ProviderClient(URI.create(this.issuer)).revokeSessions(Demo.USERNAME);

		Wait.until("the shop session ended by the logout token", Duration.ofSeconds(30), Duration.ofMillis(500),
				() -> {
					open(SHOP + "/profile");
					return !this.driver.getCurrentUrl().equals(SHOP + "/profile");
				});
		assertThat(this.driver.getCurrentUrl()).startsWith(SHOP + "/login");
	}

	@Test
	@Order(5)
	void shopWhenProviderKilledThenSignedInShopperKeepsShoppingAndNewLoginGetsClearPage() throws Exception {
		signInThroughShop();
		this.provider.kill();

		String item = placeOrder();
		assertThat(this.driver.findElements(By.className("order"))).extracting(WebElement::getText)
			.contains("2 × " + item);
		open(SHOP + "/profile");
		assertThat(text(By.id("name"))).isEqualTo("Alice Example");

		this.browser.reset();
		open(SHOP + "/");
		this.browser.clickAndAwaitNextPage(visible(By.id("login")));
		assertThat(this.driver.getCurrentUrl()).isEqualTo(SHOP + "/login/start");
		assertThat(text(By.id("provider-unavailable"))).contains("Sign-in is unavailable right now");
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(SHOP + "/login/start")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body()).doesNotContain("Exception").doesNotContain("at dev.");
	}

	/** From the shop's home page through the provider's login and consent pages, back to the shop. */
	private void signInThroughShop() {
		open(SHOP + "/");
		this.browser.clickAndAwaitNextPage(visible(By.id("login")));
		assertThat(this.driver.getCurrentUrl()).startsWith(this.issuer + "/login");
		visible(By.id("username")).sendKeys(Demo.USERNAME);
		this.driver.findElement(By.id("password")).sendKeys(Demo.PASSWORD);
		this.browser.clickAndAwaitNextPage(this.driver.findElement(By.id("sign-in")));
		if (this.driver.getCurrentUrl().startsWith(this.issuer + "/oauth2/consent")) {
			this.browser.clickAndAwaitNextPage(visible(By.id("allow")));
		}
		// "?continue": the shop saved a visit to /profile that sent the browser to its login page.
		this.browser.await().until(ExpectedConditions.urlMatches("^" + Pattern.quote(SHOP + "/profile") + "(\\?continue)?$"));
	}

	/** Orders two of a new item through the shop's order page; the page then lists the orders. */
	private String placeOrder() {
		open(SHOP + "/orders");
		String item = "tea-" + UUID.randomUUID().toString().substring(0, 8);
		visible(By.id("item")).sendKeys(item);
		WebElement quantity = this.driver.findElement(By.id("quantity"));
		quantity.clear();
		quantity.sendKeys("2");
		this.browser.clickAndAwaitNextPage(this.driver.findElement(By.id("place-order")));
		assertThat(this.driver.findElements(By.id("problem"))).as(this.browser.whereAmI()).isEmpty();
		assertThat(text(By.id("placed"))).contains(item);
		return item;
	}

	private void open(String url) {
		this.driver.get(url);
		this.browser.await().until(driver -> driver.getCurrentUrl() != null);
	}

	private WebElement visible(By locator) {
		return this.browser.await().until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	private String text(By locator) {
		return visible(locator).getText();
	}

}
