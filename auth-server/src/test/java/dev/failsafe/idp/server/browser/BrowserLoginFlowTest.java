package dev.failsafe.idp.server.browser;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.browser.HeadlessChromium;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's pages in a real (headless) Chromium at phone width: sign-in, consent, the
 * redirect back to the client, the session cookie, RP-initiated logout and the error page. The
 * demo client's redirect URIs at 127.0.0.1:8081 are answered by a {@link RelyingPartyStub}.
 */
class BrowserLoginFlowTest extends ProviderIntegrationTest {

	private static final String SCOPE = "openid profile email";

	/** {@code server.servlet.session.cookie.name}. */
	private static final String SESSION_COOKIE = "IDPSESSION";

	private static final String SHOP_NAME = "Demo Shop";

	/** Where the demo shop's authorization responses arrive. */
	private static final String CALLBACK_PATH = URI.create(Demo.SHOP_REDIRECT_URI).getPath();

	private static ProviderPages pages;

	@Autowired
	private ProviderProperties provider;

	@Autowired
	private Environment environment;

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private OAuth2AuthorizationConsentService consents;

	private WebDriver driver;

	@BeforeAll
	static void startBrowserAndRelyingParty() {
		HeadlessChromium.requireInstalled();
		pages = ProviderPages.start(PROVIDER.issuer());
	}

	@AfterAll
	static void stopBrowserAndRelyingParty() {
		if (pages != null) {
			pages.close();
		}
	}

	/** Each test starts as a new visitor: no cookies, no consent remembered, nothing recorded. */
	@BeforeEach
	void newVisitor() {
		forgetShopConsent();
		pages.newVisitor();
		this.driver = pages.driver();
	}

	@Test
	void authorizationCodeFlowWhenSignedInAndAllowedThenTokensWorkUntilRevoked() throws Exception {
		Pkce pkce = Pkce.create();
		String state = UUID.randomUUID().toString();
		String nonce = UUID.randomUUID().toString();
		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce, state, nonce));

		pages.awaitLoginPage();
		assertThat(pages.text(By.className("product"))).isEqualTo(this.provider.productName());
		assertThat(this.driver.getTitle()).isEqualTo("Sign in · " + this.provider.productName());
		assertThat(pages.text(By.className("lead"))).isEqualTo("to continue to " + SHOP_NAME);
		pages.assertFitsPhoneWidth();
		pages.browser().screenshot("login");
		pages.signIn(Demo.USERNAME, Demo.PASSWORD);

		WebElement allow = pages.await(ExpectedConditions.visibilityOfElementLocated(By.id("allow")));
		assertThat(this.driver.getCurrentUrl()).startsWith(PROVIDER.issuer() + "/oauth2/consent?");
		assertThat(pages.text(By.tagName("h1"))).isEqualTo(SHOP_NAME + " wants to access your account");
		assertThat(this.driver.findElements(By.cssSelector("input[type=checkbox][name=scope]")))
			.allSatisfy(box -> assertThat(box.isSelected()).isTrue())
			.extracting(box -> box.getDomAttribute("value"))
			.containsExactlyInAnyOrder("profile", "email");
		assertThat(pages.text(By.id("consent-form"))).contains("See your name and basic profile",
				"See your email address");
		pages.assertFitsPhoneWidth();
		pages.browser().screenshot("consent");
		pages.browser().clickAndAwaitNextPage(allow);

		Map<String, String> callback = awaitCallback();
		assertThat(callback).containsEntry("state", state).containsKey("code").doesNotContainKey("error");

		CodeFlow flow = codeFlow(newUserAgent());
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, callback.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.json()).containsKeys("access_token", "id_token", "refresh_token");
		JWTClaimsSet idToken = SignedJWT.parse(tokens.string("id_token")).getJWTClaimsSet();
		assertThat(idToken.getStringClaim("nonce")).isEqualTo(nonce);
		assertThat(idToken.getSubject()).isEqualTo(Demo.USERNAME);
		assertThat(idToken.getAudience()).containsExactly(Demo.SHOP);

		BackChannel.Reply userInfo = this.backChannel.getBearer("/userinfo", tokens.string("access_token"));
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME)
			.containsEntry("email", "alice@example.com");

		BackChannel.Reply refreshed = flow.refresh(Demo.SHOP, Demo.SHOP_SECRET,
				tokens.string("refresh_token"));
		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
		assertThat(refreshed.string("refresh_token")).isNotBlank().isNotEqualTo(tokens.string("refresh_token"));
		String accessToken = refreshed.string("access_token");
		assertThat(accessToken).isNotBlank().isNotEqualTo(tokens.string("access_token"));

		assertThat(introspect(accessToken).json()).containsEntry("active", true)
			.containsEntry("client_id", Demo.SHOP)
			.containsEntry("sub", Demo.USERNAME);
		BackChannel.Reply revocation = this.backChannel.postBasic("/oauth2/revoke", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("token", List.of(accessToken)));
		assertThat(revocation.status()).as(revocation.raw().body()).isEqualTo(200);
		assertThat(introspect(accessToken).json()).containsEntry("active", false);
	}

	@Test
	void signInWhenPasswordAcceptedThenSessionCookieIsHttpOnlyLaxAndRenewed() {
		assertThat(this.environment.getProperty("server.servlet.session.cookie.name")).isEqualTo(SESSION_COOKIE);
		pages.open("/login");
		pages.awaitLoginPage();
		Cookie anonymous = this.driver.manage().getCookieNamed(SESSION_COOKIE);
		assertThat(anonymous).as("session cookie %s set by the login page; cookies: %s", SESSION_COOKIE,
				this.driver.manage().getCookies())
			.isNotNull();

		pages.signIn(Demo.USERNAME, Demo.PASSWORD);
		pages.await(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		Cookie signedIn = this.driver.manage().getCookieNamed(SESSION_COOKIE);
		assertThat(signedIn).isNotNull();
		assertThat(signedIn.isHttpOnly()).as("HttpOnly").isTrue();
		assertThat(signedIn.getSameSite()).as("SameSite").isEqualTo("Lax");
		assertThat(signedIn.getPath()).isEqualTo("/");
		assertThat(signedIn.getValue()).as("session id renewed at sign-in").isNotEqualTo(anonymous.getValue());
		assertThat(this.driver.manage().getCookies()).extracting(Cookie::getName)
			.as("one session cookie only")
			.doesNotContain("SESSION", "JSESSIONID");
	}

	@Test
	void logoutWhenRelyingPartyAsksAndUserConfirmsThenRedirectedWithStateAndSessionEnded() {
		Pkce pkce = Pkce.create();
		Map<String, String> callback = signInAndAllow(pkce, "before-logout", "n-1");
		BackChannel.Reply tokens = codeFlow(newUserAgent()).exchange(Demo.SHOP, Demo.SHOP_SECRET,
				callback.get("code"), Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		pages.relyingParty().clear();

		pages.open(UriComponentsBuilder.fromPath("/connect/logout")
			.queryParam("id_token_hint", tokens.string("id_token"))
			.queryParam("post_logout_redirect_uri", Demo.SHOP_POST_LOGOUT_URI)
			.queryParam("state", "xyz")
			.encode()
			.build()
			.toUriString());
		WebElement confirm = pages
			.await(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-logout")));
		assertThat(this.driver.getCurrentUrl()).isEqualTo(PROVIDER.issuer() + "/logout/confirm");
		assertThat(pages.text(By.tagName("h1"))).isEqualTo("Sign out?");
		assertThat(pages.text(By.className("lead"))).as("named from the ID token's audience")
			.isEqualTo(SHOP_NAME + " asked to sign you out.");
		assertThat(pages.relyingParty().requests()).as("not sent back before confirming").isEmpty();
		pages.browser().clickAndAwaitNextPage(confirm);

		URI arrival = pages.relyingParty().awaitRequest("/", HeadlessChromium.DEADLINE);
		assertThat(arrival).hasToString(Demo.SHOP_POST_LOGOUT_URI + "?state=xyz");
		pages.await(ExpectedConditions.urlToBe(Demo.SHOP_POST_LOGOUT_URI + "?state=xyz"));
		// The shop holds tokens from this session: it is told through back-channel logout too.
		VerifiedLogoutToken logoutToken = VerifiedLogoutToken.verify(
				pages.relyingParty().awaitLogoutToken(HeadlessChromium.DEADLINE), PROVIDER, Demo.SHOP);
		assertThat(logoutToken.subject()).isEqualTo(Demo.USERNAME);
		assertThat(logoutToken.sessionId()).isEqualTo(VerifiedLogoutToken.sidOf(tokens.string("id_token")));
		assertThat(codeFlow(newUserAgent()).refresh(Demo.SHOP, Demo.SHOP_SECRET,
				tokens.string("refresh_token")).status()).as("the session's refresh token is revoked").isEqualTo(400);

		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, Pkce.create(),
				"after-logout", "n-2"));
		pages.awaitLoginPage();
		assertThat(pages.relyingParty().requests()).extracting(URI::getPath).doesNotContain(CALLBACK_PATH);
	}

	@Test
	void signInWhenPasswordWrongThenLoginPageShowsErrorAndStays() {
		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, Pkce.create(), "s", "n"));
		pages.awaitLoginPage();
		pages.signIn(Demo.USERNAME, "not-" + Demo.PASSWORD);

		WebElement alert = pages
			.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert.error")));
		assertThat(alert.getText()).isEqualTo("Wrong username or password.");
		assertThat(alert.getDomAttribute("role")).isEqualTo("alert");
		assertThat(this.driver.getCurrentUrl()).isEqualTo(PROVIDER.issuer() + "/login?error");
		assertThat(this.driver.findElements(By.id("throttled"))).isEmpty();
		assertThat(this.driver.findElement(By.id("username")).isDisplayed()).isTrue();
		assertThat(pages.relyingParty().requests()).isEmpty();

		// The right password next still continues to the shop (and clears alice's failure count).
		pages.signIn(Demo.USERNAME, Demo.PASSWORD);
		pages.await(ExpectedConditions.visibilityOfElementLocated(By.id("allow")));
		assertThat(pages.text(By.tagName("h1"))).startsWith(SHOP_NAME);
	}

	@Test
	void authorizeWhenRedirectUriUnregisteredThenErrorPageAndNoRedirect() {
		String unregistered = RelyingPartyStub.ORIGIN + "/evil";
		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, unregistered, SCOPE, Pkce.create(), "s", "n"));

		pages.await(ExpectedConditions.textToBe(By.tagName("h1"), "This request cannot be completed"));
		assertThat(this.driver.getTitle()).isEqualTo("Something went wrong · " + this.provider.productName());
		assertThat(this.driver.getCurrentUrl()).startsWith(PROVIDER.issuer() + "/oauth2/authorize?");
		assertThat(pages.relyingParty().requests()).as("nothing reached %s", unregistered).isEmpty();
	}

	@Test
	void authorizeWhenRedirectUriUnregisteredThenErrorPageNamesTheParameter() {
		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, RelyingPartyStub.ORIGIN + "/evil", SCOPE, Pkce.create(),
				"s", "n"));

		pages.await(ExpectedConditions.textToBe(By.tagName("h1"), "This request cannot be completed"));
		assertThat(this.driver.findElements(By.id("error-detail")))
			.as("#error-detail: the error page shows the error's message (spring.web.error.include-message)")
			.singleElement()
			.extracting(WebElement::getText)
			.asString()
			.contains("redirect_uri");
	}

	/** Walks authorize, sign-in and consent; answers the parameters the shop's callback received. */
	private Map<String, String> signInAndAllow(Pkce pkce, String state, String nonce) {
		pages.open(CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce, state, nonce));
		pages.awaitLoginPage();
		pages.signIn(Demo.USERNAME, Demo.PASSWORD);
		WebElement allow = pages.await(ExpectedConditions.visibilityOfElementLocated(By.id("allow")));
		pages.browser().clickAndAwaitNextPage(allow);
		Map<String, String> callback = awaitCallback();
		assertThat(callback).containsEntry("state", state).containsKey("code");
		return callback;
	}

	/** Waits until the browser shows the shop's callback; answers the query it arrived with. */
	private Map<String, String> awaitCallback() {
		return pages.awaitCallback(CALLBACK_PATH);
	}

	private BackChannel.Reply introspect(String token) {
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/introspect", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("token", List.of(token)));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply;
	}

	/** The demo shop asks for consent again, whichever test in this context ran before. */
	private void forgetShopConsent() {
		String shopId = this.clients.findByClientId(Demo.SHOP).getId();
		OAuth2AuthorizationConsent consent = this.consents.findById(shopId, Demo.USERNAME);
		if (consent != null) {
			this.consents.remove(consent);
		}
	}

}
