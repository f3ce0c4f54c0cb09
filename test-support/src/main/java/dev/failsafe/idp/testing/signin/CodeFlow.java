package dev.failsafe.idp.testing.signin;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;

/**
 * The authorization-code flow as a browser walks it (authorize, login form, consent form), over
 * real HTTP with a {@link UserAgent}, and the client's code exchange and refresh on its
 * {@link BackChannel}. A step the provider does not answer as a successful flow needs is a
 * {@link Refused} with the status it answered.
 */
public final class CodeFlow {

	private final UserAgent agent;

	private final BackChannel backChannel;

	public CodeFlow(UserAgent agent, BackChannel backChannel) {
		this.agent = agent;
		this.backChannel = backChannel;
	}

	/** The authorization request's path and query for these parameters (S256 PKCE when {@code pkce} is set). */
	public static String authorizeUrl(String clientId, String redirectUri, String scope, Pkce pkce, String state,
			String nonce) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", redirectUri);
		parameters.put("scope", scope);
		parameters.put("state", state);
		parameters.put("nonce", nonce);
		if (pkce != null) {
			parameters.put("code_challenge", pkce.challenge());
			parameters.put("code_challenge_method", "S256");
		}
		StringBuilder url = new StringBuilder("/oauth2/authorize");
		parameters.forEach((name, value) -> url.append((url.indexOf("?") < 0) ? '?' : '&')
			.append(name)
			.append('=')
			.append(Forms.encodeQueryParameter(value)));
		return url.toString();
	}

	/**
	 * Logs {@code username} in if needed, approves every scope on the consent page if shown, and
	 * returns the parameters the provider redirected to {@code redirectUri} with.
	 */
	public Map<String, String> authorize(String clientId, String redirectUri, String scope, Pkce pkce, String state,
			String nonce, String username, String password) {
		return authorize(authorizeUrl(clientId, redirectUri, scope, pkce, state, nonce), redirectUri, username,
				password);
	}

	/**
	 * Walks a given authorization request ({@code url}, a path or the whole URL) as
	 * {@link #authorize(String, String, String, Pkce, String, String, String, String)} does.
	 */
	public Map<String, String> authorize(String url, String redirectUri, String username, String password) {
		HttpResponse<String> response = this.agent.get(url);
		if (UserAgent.isRedirect(response) && this.agent.isLoginPage(UserAgent.location(response))) {
			HttpResponse<String> login = this.agent.submitLogin(username, password);
			if (!UserAgent.isRedirect(login) || UserAgent.location(login).contains("/login?")) {
				throw new Refused(login.statusCode(), "login refused: " + UserAgent.location(login));
			}
			response = this.agent.get(UserAgent.location(login));
		}
		if (!UserAgent.isRedirect(response)) {
			throw new Refused(response.statusCode(), "authorize does not redirect: " + abbreviate(response.body()));
		}
		if (UserAgent.location(response).contains("/oauth2/consent")) {
			HttpResponse<String> consentPage = this.agent.get(UserAgent.location(response));
			if (consentPage.statusCode() != 200) {
				throw new Refused(consentPage.statusCode(), "consent page");
			}
			response = approve(consentPage.body());
		}
		if (!UserAgent.location(response).startsWith(redirectUri)) {
			throw new Refused(response.statusCode(), "not redirected to the client: " + UserAgent.location(response));
		}
		return UserAgent.redirectParameters(response);
	}

	/**
	 * Whether the user agent's session is signed in: the authorization endpoint answers without
	 * sending it to the login page.
	 */
	public boolean signedIn() {
		HttpResponse<String> response = this.agent.get(authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid",
				Pkce.create(), "s", "n"));
		return response.statusCode() == 302 && !this.agent.isLoginPage(UserAgent.location(response));
	}

	/** Submits the consent form with every offered scope checked. */
	public HttpResponse<String> approve(String consentPage) {
		return this.agent.postForm("/oauth2/authorize",
				Map.of("client_id", List.of(Forms.hiddenField(consentPage, "client_id")), "state",
						List.of(Forms.hiddenField(consentPage, "state")), "scope", Forms.scopes(consentPage), "_csrf",
						List.of(Forms.csrfToken(consentPage))));
	}

	/** Exchanges a code with client_secret_basic (or as a public client when secret is null). */
	public BackChannel.Reply exchange(String clientId, String secret, String code, String redirectUri,
			String verifier) {
		Map<String, List<String>> form = new LinkedHashMap<>();
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

	private static String abbreviate(String body) {
		return (body.length() > 200) ? body.substring(0, 200) : body;
	}

}
