package dev.failsafe.idp.server.testing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.demo.DemoTenant;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization-code flow as a browser walks it (authorize, login form, consent form), over
 * real HTTP with a {@link UserAgent}. Each step asserts what the provider must answer.
 */
public final class CodeFlow {

	private final UserAgent agent;

	private final BackChannel backChannel;

	public CodeFlow(UserAgent agent, BackChannel backChannel) {
		this.agent = agent;
		this.backChannel = backChannel;
	}

	/** The authorization request URL for these parameters (S256 PKCE when {@code pkce} is set). */
	public static String authorizeUrl(String clientId, String redirectUri, String scope, Pkce pkce, String state,
			String nonce) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", scope)
			.queryParam("state", state)
			.queryParam("nonce", nonce);
		if (pkce != null) {
			uri.queryParam("code_challenge", pkce.challenge()).queryParam("code_challenge_method", "S256");
		}
		return uri.encode().build().toUriString();
	}

	/**
	 * Logs {@code username} in if needed, approves every scope on the consent page if shown, and
	 * returns the parameters the provider redirected to {@code redirectUri} with.
	 */
	public Map<String, String> authorize(String clientId, String redirectUri, String scope, Pkce pkce, String state,
			String nonce, String username, String password) {
		String url = authorizeUrl(clientId, redirectUri, scope, pkce, state, nonce);
		HttpResponse<String> response = this.agent.get(url);
		if (UserAgent.isRedirect(response) && isLoginPage(UserAgent.location(response))) {
			HttpResponse<String> login = this.agent.submitLogin(username, password);
			assertThat(UserAgent.isRedirect(login)).as("login redirects").isTrue();
			assertThat(UserAgent.location(login)).as("login succeeded").doesNotContain("/login?");
			response = this.agent.get(UserAgent.location(login));
		}
		assertThat(UserAgent.isRedirect(response)).as("authorize redirects: %s", response.body()).isTrue();
		if (UserAgent.location(response).contains("/oauth2/consent")) {
			HttpResponse<String> consentPage = this.agent.get(UserAgent.location(response));
			assertThat(consentPage.statusCode()).isEqualTo(200);
			response = approve(consentPage.body());
		}
		assertThat(UserAgent.location(response)).startsWith(redirectUri);
		return UserAgent.redirectParameters(response);
	}

	/**
	 * Whether the user agent's session is signed in: the authorization endpoint answers without
	 * sending it to the login page.
	 */
	public boolean signedIn() {
		HttpResponse<String> response = this.agent.get(authorizeUrl(DemoTenant.SHOP, DemoTenant.SHOP_REDIRECT_URI,
				"openid", Pkce.create(), "s", "n"));
		return response.statusCode() == 302 && !isLoginPage(UserAgent.location(response));
	}

	private boolean isLoginPage(String location) {
		return location.startsWith("/login") || location.startsWith(this.agent.issuer() + "/login");
	}

	/** Submits the consent form with every offered scope checked. */
	public HttpResponse<String> approve(String consentPage) {
		List<String> scopes = new ArrayList<>();
		var matcher = java.util.regex.Pattern.compile("name=\"scope\"\\s+value=\"([^\"]+)\"").matcher(consentPage);
		while (matcher.find()) {
			scopes.add(matcher.group(1));
		}
		return this.agent.postForm("/oauth2/authorize",
				Map.of("client_id", List.of(UserAgent.hiddenField(consentPage, "client_id")), "state",
						List.of(UserAgent.hiddenField(consentPage, "state")), "scope", scopes, "_csrf",
						List.of(UserAgent.csrfToken(consentPage))));
	}

	/** Exchanges a code with client_secret_basic (or as a public client when secret is null). */
	public BackChannel.Reply exchange(String clientId, String secret, String code, String redirectUri,
			String verifier) {
		Map<String, List<String>> form = new java.util.LinkedHashMap<>();
		form.put("grant_type", List.of("authorization_code"));
		form.put("code", List.of(code));
		form.put("redirect_uri", List.of(redirectUri));
		if (verifier != null) {
			form.put("code_verifier", List.of(verifier));
		}
		if (secret == null) {
			form.put("client_id", List.of(clientId));
			return this.backChannel.postBasic("/oauth2/token", null, null, form);
		}
		return this.backChannel.postBasic("/oauth2/token", clientId, secret, form);
	}

	public BackChannel.Reply refresh(String clientId, String secret, String refreshToken) {
		return this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(refreshToken)));
	}

}
