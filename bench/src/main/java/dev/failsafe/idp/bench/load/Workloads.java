package dev.failsafe.idp.bench.load;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workloads of the table, by name: each is one endpoint of the provider called as its real
 * callers call it (a partner's back end, a browser, a relying party), with the demo tenant.
 */
public final class Workloads {

	private final Http http;

	private final DemoTenant tenant;

	private final BrowserLogin login;

	public Workloads(Http http, DemoTenant tenant) {
		this.http = http;
		this.tenant = tenant;
		this.login = new BrowserLogin(http, tenant);
	}

	public BrowserLogin login() {
		return this.login;
	}

	/** The workload called {@code name} (one of {@link LoadOptions#ALL_WORKLOADS}). */
	public Workload named(String name) {
		return switch (name) {
			case "client_credentials" -> () -> this::clientCredentials;
			case "login" -> () -> this.login::signIn;
			case "refresh" -> this::refreshingClient;
			case "introspection" -> () -> {
				String accessToken = this.login.signIn().accessToken();
				return () -> introspect(accessToken);
			};
			case "userinfo" -> () -> {
				String accessToken = this.login.signIn().accessToken();
				return () -> Http.expect(this.http.get("/userinfo", "Authorization", "Bearer " + accessToken), 200);
			};
			case "jwks" -> () -> () -> Http.expect(this.http.get("/oauth2/jwks"), 200);
			default -> throw new IllegalArgumentException("no workload " + name);
		};
	}

	private void clientCredentials() throws Exception {
		Http.expect(this.http.postForm("/oauth2/token",
				Http.form("grant_type", "client_credentials", "scope", this.tenant.serviceScope()),
				Http.basic(this.tenant.serviceId(), this.tenant.serviceSecret())), 200);
	}

	/** A client with its own refresh token, rotated on every use as the provider requires. */
	private Workload.Client refreshingClient() throws Exception {
		AtomicReference<String> refreshToken = new AtomicReference<>(this.login.signIn().refreshToken());
		return () -> {
			HttpResponse<String> response = Http.expect(this.http.postForm("/oauth2/token",
					Http.form("grant_type", "refresh_token", "refresh_token", refreshToken.get()),
					Http.basic(this.tenant.shopId(), this.tenant.shopSecret())), 200);
			refreshToken.set(BrowserLogin.Tokens.parse(response.body()).refreshToken());
		};
	}

	private void introspect(String accessToken) throws Exception {
		HttpResponse<String> response = Http.expect(this.http.postForm("/oauth2/introspect",
				Http.form("token", accessToken), Http.basic(this.tenant.shopId(), this.tenant.shopSecret())), 200);
		if (!response.body().contains("\"active\":true")) {
			throw new IllegalStateException("introspection says the token is not active: " + response.body());
		}
	}

}
