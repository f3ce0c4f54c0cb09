package dev.failsafe.idp.testing.provider;

/**
 * The demo tenant the provider seeds (README, "Demo tenant"), for tests outside the provider: who
 * signs in and the demo clients. The provider's own {@code DemoTenant} is the source; a provider
 * test checks these equal it.
 */
public final class Demo {

	public static final String USERNAME = "alice";

	public static final String PASSWORD = "alice-demo-password";

	public static final String SHOP = "demo-shop";

	public static final String SHOP_SECRET = "demo-shop-secret";

	public static final String SHOP_REDIRECT_URI = "http://127.0.0.1:8081/login/oauth2/code/demo";

	public static final String SHOP_POST_LOGOUT_URI = "http://127.0.0.1:8081/";

	public static final String SPA = "demo-spa";

	public static final String SPA_REDIRECT_URI = "http://127.0.0.1:8081/spa/callback";

	public static final String SPA_POST_LOGOUT_URI = "http://127.0.0.1:8081/spa/";

	public static final String PARTNER_API = "demo-partner-api";

	public static final String PARTNER_API_SECRET = "demo-partner-api-secret";

	public static final String ADMIN = "demo-admin";

	public static final String ADMIN_SECRET = "demo-admin-secret";

	/** The scope that opens the admin API. */
	public static final String ADMIN_SCOPE = "admin";

	private Demo() {
	}

}
