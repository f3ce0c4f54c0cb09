package dev.failsafe.idp.server.pages;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' language: the client's {@code ui_locales} first, then the browser's
 * {@code Accept-Language}, then English; kept for the rest of the session.
 */
class PageLanguagesTest extends ProviderIntegrationTest {

	private static final HttpClient HTTP = UserAgent.newClient();

	@ParameterizedTest
	@CsvSource({ "'ko-KR,ko;q=0.9,en;q=0.8', ko, 로그인", "'en-US,en;q=0.9', en, Sign in", "'fr-FR,fr;q=0.9', en, Sign in",
			"'fr-FR,ko;q=0.5', ko, 로그인" })
	void loginPageWhenAcceptLanguageThenFirstLanguageWeHave(String acceptLanguage, String language, String heading)
			throws Exception {
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(PROVIDER.uri("/login"))
			.header("Accept-Language", acceptLanguage)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("<html lang=\"" + language + "\">").contains("<h1>" + heading + "</h1>");
	}

	@ParameterizedTest
	@CsvSource({ "ko, 'en-US,en', ko", "en, 'ko-KR,ko', en", "'fr ko', 'en-US', ko", "'fr de', 'ko-KR', ko" })
	void loginPageWhenUiLocalesThenTheyWinOverAcceptLanguage(String uiLocales, String acceptLanguage,
			String language) throws Exception {
		String url = CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid", Pkce.create(), "s",
				"n") + "&ui_locales=" + uiLocales.replace(" ", "%20");
		HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(PROVIDER.uri(url))
			.header("Accept-Language", acceptLanguage)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(UserAgent.isLoginForm(page)).isTrue();
		assertThat(page.body()).contains("<html lang=\"" + language + "\">");
	}

	@Test
	void consentPageWhenSignedInWithUiLocalesThenSameLanguage() {
		UserAgent browser = newUserAgent();
		String url = CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid orders.read",
				Pkce.create(), "s", "n") + "&ui_locales=ko&prompt=consent"; // asked even if alice consented before
		HttpResponse<String> login = browser.get(url);
		HttpResponse<String> consent = browser.submitLogin(login.body(), Demo.USERNAME, Demo.PASSWORD);
		assertThat(UserAgent.location(consent)).contains("/oauth2/consent");
		HttpResponse<String> page = browser.get(UserAgent.location(consent));
		assertThat(page.body()).contains("<html lang=\"ko\">").contains("계정 접근을 요청합니다").contains("허용");
	}

	@Test
	void errorPageWhenUiLocalesKoreanThenKorean() throws IOException, InterruptedException {
		HttpResponse<String> page = HTTP.send(
				HttpRequest.newBuilder(PROVIDER.uri("/oauth2/authorize?response_type=code&client_id=nobody&ui_locales=ko"))
					.header("Accept", "text/html")
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("<html lang=\"ko\">").contains("이 요청을 처리할 수 없습니다");
	}

}
