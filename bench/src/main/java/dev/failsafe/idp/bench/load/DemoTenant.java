package dev.failsafe.idp.bench.load;

import dev.failsafe.idp.testing.provider.Demo;

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

	/** The values in the README (the test kit's {@link Demo}). */
	public static final DemoTenant README = new DemoTenant(Demo.USERNAME, Demo.PASSWORD, Demo.SHOP, Demo.SHOP_SECRET,
			Demo.SHOP_REDIRECT_URI, "openid profile email", Demo.PARTNER_API, Demo.PARTNER_API_SECRET, "orders.read");

}
