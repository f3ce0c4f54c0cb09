package dev.failsafe.idp.bench.load;

import java.util.Map;

import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One full sign-in as a browser does it, without a browser (the test kit's {@link CodeFlow}): a
 * fresh cookie jar, the authorization request (PKCE S256), the login form with its CSRF token, the
 * consent form when the provider shows it (the first time a user signs in to the client; it is
 * remembered after), then the code exchange on the back channel. Every step checks the status and
 * the redirect the provider must answer. All sign-ins share the load's HTTP connections.
 */
public final class BrowserLogin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Http http;

	private final Provider provider;

	private final DemoTenant tenant;

	public BrowserLogin(Http http, DemoTenant tenant) {
		this.http = http;
		this.provider = Provider.at(http.base().toString().replaceAll("/$", ""));
		this.tenant = tenant;
	}

	/** Signs the demo user in to the demo shop and returns the token response. */
	public Tokens signIn() {
		CodeFlow flow = new CodeFlow(new UserAgent(this.provider, this.http.client()),
				new BackChannel(this.provider, this.http.client()));
		Pkce pkce = Pkce.create();
		String state = Pkce.randomToken();
		Map<String, String> answer = flow.authorize(this.tenant.shopId(), this.tenant.shopRedirectUri(),
				this.tenant.shopScope(), pkce, state, Pkce.randomToken(), this.tenant.username(), this.tenant.password());
		if (!state.equals(answer.get("state")) || answer.get("code") == null) {
			throw new IllegalStateException("redirect without the code or state: " + answer);
		}
		BackChannel.Reply tokens = flow.exchange(this.tenant.shopId(), this.tenant.shopSecret(), answer.get("code"),
				this.tenant.shopRedirectUri(), pkce.verifier()).expect(200, "token");
		return new Tokens(tokens.string("access_token"), tokens.string("refresh_token"));
	}

	/**
	 * A token response.
	 *
	 * @param accessToken the access token (a JWT)
	 * @param refreshToken the refresh token, or null
	 */
	public record Tokens(String accessToken, String refreshToken) {

		static Tokens parse(String json) {
			JsonNode node = JSON.readTree(json);
			JsonNode access = node.get("access_token");
			JsonNode refresh = node.get("refresh_token");
			if (access == null) {
				throw new IllegalStateException("token response without access_token");
			}
			return new Tokens(access.asString(), (refresh != null) ? refresh.asString() : null);
		}

	}

}
