package dev.failsafe.idp.server.browser;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import dev.failsafe.idp.testing.browser.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's pages as a user sees them in a headless Chromium at phone width, with the demo
 * clients' redirect URIs answered by a {@link RelyingPartyStub}: open a page, wait for the login
 * page, sign in, wait for the client's callback. The caller closes it.
 *
 * @param issuer the provider's issuer, where its pages are
 * @param browser the browser
 * @param relyingParty what answers at the demo clients' redirect URIs
 */
record ProviderPages(String issuer, HeadlessChromium browser, RelyingPartyStub relyingParty) implements AutoCloseable {

	/** Chromium and the relying party, for the provider at {@code issuer}. */
	static ProviderPages start(String issuer) {
		RelyingPartyStub relyingParty = RelyingPartyStub.start();
		try {
			return new ProviderPages(issuer, HeadlessChromium.start(), relyingParty);
		}
		catch (RuntimeException ex) {
			relyingParty.close();
			throw ex;
		}
	}

	WebDriver driver() {
		return this.browser.driver();
	}

	/** A new visitor: no cookies, nothing the relying party received. */
	void newVisitor() {
		this.browser.reset();
		this.relyingParty.clear();
	}

	void open(String pathAndQuery) {
		driver().get(this.issuer + pathAndQuery);
	}

	void awaitLoginPage() {
		String loginUrl = "^" + Pattern.quote(this.issuer + "/login") + "(\\?.*)?$";
		await(ExpectedConditions.and(ExpectedConditions.urlMatches(loginUrl),
				ExpectedConditions.visibilityOfElementLocated(By.id("username"))));
	}

	void signIn(String username, String password) {
		WebElement name = await(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
		name.clear();
		name.sendKeys(username);
		WebElement secret = driver().findElement(By.id("password"));
		secret.clear();
		secret.sendKeys(password);
		this.browser.clickAndAwaitNextPage(driver().findElement(By.id("sign-in")));
	}

	/** Waits until the browser shows the relying party's {@code path}; answers the query it arrived with. */
	Map<String, String> awaitCallback(String path) {
		URI arrival = this.relyingParty.awaitRequest(path, HeadlessChromium.DEADLINE);
		await(ExpectedConditions.urlToBe(arrival.toString()));
		return RelyingPartyStub.queryParameters(arrival);
	}

	/** The page is laid out for the phone-sized window: nothing sticks out sideways. */
	void assertFitsPhoneWidth() {
		JavascriptExecutor script = (JavascriptExecutor) driver();
		Number viewport = (Number) script.executeScript("return document.documentElement.clientWidth;");
		Number content = (Number) script.executeScript("return document.documentElement.scrollWidth;");
		assertThat(viewport.intValue()).as("viewport width").isEqualTo(HeadlessChromium.PHONE_WIDTH);
		assertThat(content.intValue()).as("content width at phone width").isLessThanOrEqualTo(viewport.intValue());
	}

	String text(By locator) {
		return driver().findElement(locator).getText();
	}

	<T> T await(ExpectedCondition<T> condition) {
		return this.browser.await().until(condition);
	}

	@Override
	public void close() {
		try {
			this.browser.close();
		}
		finally {
			this.relyingParty.close();
		}
	}

}
