package dev.failsafe.idp.testing.signin;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo user signing in to the demo shop without a browser engine: her browser (its own cookies),
 * the shop's back channel ({@code demo-shop}, client_secret_basic), the authorization-code flow
 * through the real login and consent forms with PKCE, then the token, userinfo, revocation and JWKS
 * endpoints. A step the provider refuses is a {@link Refused} with its status; a provider that
 * cannot be reached is an {@link java.io.UncheckedIOException}.
 */
public final class Shopper {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final UserAgent browser;

	private final BackChannel backChannel;

	private final CodeFlow flow;

	/** A new shopper (empty cookie jar) with clients of her own. */
	public Shopper(Provider provider) {
		this(new UserAgent(provider), new BackChannel(provider));
	}

	/** A new shopper (empty cookie jar) whose requests share {@code http} (which follows no redirect). */
	public Shopper(Provider provider, HttpClient http) {
		this(new UserAgent(provider, http), new BackChannel(provider, http));
	}

	private Shopper(UserAgent browser, BackChannel backChannel) {
		this.browser = browser;
		this.backChannel = backChannel;
		this.flow = new CodeFlow(browser, backChannel);
	}

	/** A code and the PKCE verifier that redeems it. */
	public record Code(String code, String verifier) {
	}

	/**
	 * Tokens from the token endpoint.
	 *
	 * @param accessToken the access token (a JWT)
	 * @param refreshToken the refresh token, or null
	 */
	public record Tokens(String accessToken, String refreshToken) {

		static Tokens of(BackChannel.Reply reply) {
			String access = reply.string("access_token");
			if (access == null) {
				throw new Refused(reply.status(), "token response without access_token");
			}
			return new Tokens(access, reply.string("refresh_token"));
		}

	}

	/**
	 * Authorizes {@code scope} for the shop: logs in through the form when the session is not signed
	 * in, approves the consent page if shown, and answers the code from the redirect.
	 */
	public Code authorize(String scope) {
		Pkce pkce = Pkce.create();
		String state = Pkce.randomToken();
		Map<String, String> answer = this.flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, scope, pkce, state,
				Pkce.randomToken(), Demo.USERNAME, Demo.PASSWORD);
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new Refused(302, "redirect without the code or the state: " + answer);
		}
		return new Code(answer.get("code"), pkce.verifier());
	}

	/** A whole sign-in: {@link #authorize} then {@link #exchange}. */
	public Tokens signIn(String scope) {
		return exchange(authorize(scope));
	}

	/** The value of this browser's cookie {@code name}, if it holds one. */
	public java.util.Optional<String> cookie(String name) {
		return this.browser.cookie(name);
	}

	/** Whether this browser's session is signed in: authorize answers without the login form. */
	public boolean signedIn() {
		return this.flow.signedIn();
	}

	public Tokens exchange(Code code) {
		return Tokens.of(this.flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code.code(), Demo.SHOP_REDIRECT_URI,
				code.verifier()).expect(200, "token"));
	}

	public Tokens refresh(String refreshToken) {
		return Tokens.of(this.flow.refresh(Demo.SHOP, Demo.SHOP_SECRET, refreshToken).expect(200, "token"));
	}

	public void revoke(String token) {
		this.backChannel.postBasic("/oauth2/revoke", Demo.SHOP, Demo.SHOP_SECRET, Map.of("token", List.of(token)))
			.expect(200, "revocation");
	}

	public void userinfo(String accessToken) {
		this.backChannel.getBearer("/userinfo", accessToken).expect(200, "userinfo");
	}

	/** The JWKS document. */
	public String jwks() {
		return this.backChannel.send(HttpRequest.newBuilder(this.browser.resolve("/oauth2/jwks")).GET().build())
			.expect(200, "jwks")
			.raw()
			.body();
	}

	/** The published kids. */
	public List<String> jwksKids() {
		List<String> kids = new ArrayList<>();
		for (JsonNode key : JSON.readTree(jwks()).get("keys")) {
			kids.add(key.get("kid").asString());
		}
		return kids;
	}

	/** The back channel this shopper's shop uses (client tokens, bearer calls). */
	public BackChannel backChannel() {
		return this.backChannel;
	}

}
