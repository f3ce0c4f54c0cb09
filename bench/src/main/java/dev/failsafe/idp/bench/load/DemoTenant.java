package dev.failsafe.idp.bench.load;

/**
 * The demo tenant the provider seeds on its embedded default (README, "Demo tenant"): who signs in,
 * and the clients the workloads use.
 *
 * @param username the demo user
 * @param password the demo user's password
 * @param shopId the confidential code-flow client
 * @param shopSecret its secret
 * @param shopRedirectUri its registered redirect URI
 * @param shopScope the scopes the sign-in asks for
 * @param serviceId the client_credentials client
 * @param serviceSecret its secret
 * @param serviceScope the scope it asks for
 */
public record DemoTenant(String username, String password, String shopId, String shopSecret, String shopRedirectUri,
		String shopScope, String serviceId, String serviceSecret, String serviceScope) {

	/** The values in the README. */
	public static final DemoTenant README = new DemoTenant("alice", "alice-demo-password", "demo-shop",
			"demo-shop-secret", "http://127.0.0.1:8081/login/oauth2/code/demo", "openid profile email", "demo-partner-api",
			"demo-partner-api-secret", "orders.read");

}
