package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules that add a request parameter the provider must accept (and, where it
 * means something to the pages, follow): display, unknown parameters, login_hint, ui_locales,
 * claims_locales, acr_values.
 */
class BasicPlanRequestParametersTest extends ConformanceSupport {

	/** oidcc-display-page: display=page is accepted; the login page as usual. */
	@Test
	void oidcc_display_page() {
		AuthorizationRequest request = request("openid").with("display", "page");
		HttpResponse<String> page = newUserAgent().get(request.url());
		assertThat(UserAgent.isLoginForm(page)).isTrue();
		assertThat(page.body()).doesNotContain("class=\"popup\"");
		signIn(newUserAgent(), request);
	}

	/** oidcc-display-popup: display=popup is accepted; the login page laid out for a popup. */
	@Test
	void oidcc_display_popup() {
		AuthorizationRequest request = request("openid").with("display", "popup");
		HttpResponse<String> page = newUserAgent().get(request.url());
		assertThat(UserAgent.isLoginForm(page)).isTrue();
		assertThat(page.body()).contains("class=\"popup\"");
		signIn(newUserAgent(), request);
	}

	/** oidcc-ensure-request-with-unknown-parameter-succeeds: a parameter we do not know is ignored. */
	@Test
	void oidcc_ensure_request_with_unknown_parameter_succeeds() {
		signIn(newUserAgent(), request("openid").with("extra_parameter", "value that means nothing here"));
	}

	/** oidcc-login-hint: accepted, and the login page fills the username in with it. */
	@Test
	void oidcc_login_hint() {
		AuthorizationRequest request = request("openid").with("login_hint", Demo.USERNAME);
		HttpResponse<String> page = newUserAgent().get(request.url());
		assertThat(page.body()).containsPattern("id=\"username\"[^>]*value=\"" + Demo.USERNAME + "\"");
		signIn(newUserAgent(), request);
	}

	/** oidcc-ui-locales: accepted, and the pages follow it (Korean here). */
	@Test
	void oidcc_ui_locales() {
		AuthorizationRequest request = request("openid").with("ui_locales", "ko-KR en");
		HttpResponse<String> page = newUserAgent().get(request.url());
		assertThat(page.body()).contains("lang=\"ko\"").contains("아이디");
		signIn(newUserAgent(), request);
	}

	/** oidcc-claims-locales: accepted (the claims have one language; it is ignored). */
	@Test
	void oidcc_claims_locales() {
		signIn(newUserAgent(), request("openid profile").with("claims_locales", "ko en"));
	}

	/** oidcc-ensure-request-with-acr-values-succeeds: accepted (one authentication level: password). */
	@Test
	void oidcc_ensure_request_with_acr_values_succeeds() {
		signIn(newUserAgent(), request("openid").with("acr_values", "1 2"));
	}

	/** A scope the client is not registered for is ignored and the rest granted (OIDC Core 3.1.2.1). */
	@Test
	void scopeWhenNotRegisteredThenIgnoredAndRestGranted() throws Exception {
		Tokens tokens = signIn(newUserAgent(), request("openid email offline_access orders.read"));
		assertThat(tokens.reply().string("scope").split(" ")).containsExactlyInAnyOrder("email", "openid");
		assertThat(userInfo(tokens.accessToken()).json()).containsEntry("email", "alice@example.com");
	}

}
