package dev.failsafe.idp.server.browser;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.Ports;
import dev.failsafe.idp.testing.browser.HeadlessChromium;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each page in English and in Korean, in a real Chromium at phone width (issue 15 item 7): login,
 * consent, the device page, logout confirmation, signed out, error. Korean is asked for by the client
 * ({@code ui_locales=ko}); English is what the browser's own {@code Accept-Language} gets. Each page
 * is saved as a screenshot ({@code target/screenshots/pages-<page>-<language>.png}).
 *
 * <p>A client of its own with its redirect URIs on a free port, so it needs no fixed port.
 */
class PagesInTwoLanguagesBrowserTest extends ProviderIntegrationTest {

	private static final String CLIENT = "pages-browser";

	private static ProviderPages pages;

	private static int port;

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private OAuth2AuthorizationConsentService consents;

	@BeforeAll
	static void startBrowserAndRelyingParty() {
		HeadlessChromium.requireInstalled();
		port = Ports.free();
		pages = ProviderPages.start(PROVIDER.issuer(), port);
	}

	@AfterAll
	static void stop() {
		if (pages != null) {
			pages.close();
		}
	}

	@BeforeEach
	void newVisitor() {
		if (this.clients.findByClientId(CLIENT) == null) {
			this.clients.save(TestClients.confidential(CLIENT)
				.clientName("Pages Shop")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(origin() + "/cb")
				.postLogoutRedirectUri(origin() + "/")
				.scopes(scopes -> scopes.addAll(Set.of("openid", "profile", "email")))
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(true).requireProofKey(false).build())
				.build());
		}
		OAuth2AuthorizationConsent consent = this.consents.findById(this.clients.findByClientId(CLIENT).getId(),
				Demo.USERNAME);
		if (consent != null) {
			this.consents.remove(consent);
		}
		pages.newVisitor();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			en | Sign in | Pages Shop wants to access your account | Connect a device | Sign out? | You are signed out | This request cannot be completed
			ko | 로그인 | Pages Shop에서 계정 접근을 요청합니다 | 기기 연결 | 로그아웃할까요? | 로그아웃되었습니다 | 이 요청을 처리할 수 없습니다
			""")
	void pagesWhenLanguageChosenThenEachPageInIt(String language, String login, String consent, String device,
			String logout, String loggedOut, String error) throws Exception {
		String uiLocales = language.equals("en") ? null : language;
		pages.open(authorizeUrl(CLIENT, uiLocales, "openid profile email"));
		awaitPage(language, login, "login");
		pages.signIn(Demo.USERNAME, Demo.PASSWORD);

		awaitPage(language, consent, "consent");
		pages.browser().clickAndAwaitNextPage(pages.driver().findElement(By.id("allow")));
		String code = pages.awaitCallback("/cb").get("code");
		BackChannel.Reply tokens = this.backChannel.postBasic("/oauth2/token", CLIENT, TestClients.secretOf(CLIENT),
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(code), "redirect_uri",
						List.of(origin() + "/cb")));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);

		pages.open("/device");
		awaitPage(language, device, "device");

		UriComponentsBuilder logoutUrl = UriComponentsBuilder.fromPath("/connect/logout")
			.queryParam("id_token_hint", tokens.string("id_token"));
		if (uiLocales != null) {
			logoutUrl.queryParam("ui_locales", uiLocales);
		}
		pages.open(logoutUrl.encode().build().toUriString());
		awaitPage(language, logout, "logout-confirm");
		pages.browser().clickAndAwaitNextPage(pages.driver().findElement(By.id("confirm-logout")));
		awaitPage(language, loggedOut, "logged-out");

		pages.open(authorizeUrl("no-such-client", uiLocales, "openid"));
		awaitPage(language, error, "error");
	}

	private void awaitPage(String language, String heading, String page) {
		pages.await(ExpectedConditions.textToBe(By.tagName("h1"), heading));
		assertThat(pages.driver().findElement(By.tagName("html")).getDomAttribute("lang")).as(page).isEqualTo(language);
		pages.browser().screenshot("pages-" + page + "-" + language);
	}

	private String authorizeUrl(String clientId, String uiLocales, String scope) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", origin() + "/cb")
			.queryParam("scope", scope)
			.queryParam("state", "st");
		if (uiLocales != null) {
			url.queryParam("ui_locales", uiLocales);
		}
		return url.encode().build().toUriString();
	}

	private static String origin() {
		return "http://127.0.0.1:" + port;
	}

}
