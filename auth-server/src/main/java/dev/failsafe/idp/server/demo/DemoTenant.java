package dev.failsafe.idp.server.demo;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.server.operators.OperatorClients;
import dev.failsafe.idp.server.users.UserDirectory;
import dev.failsafe.idp.server.users.UserAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Seeds the fixed demo tenant that the README lists, so anyone can try the provider: user
 * {@value #USERNAME}, clients {@value #SHOP}, {@value #SPA}, {@value #PARTNER_API} and the operator client
 * {@value #ADMIN}. The shop and the SPA are web clients on loopback http, which the admin API would
 * refuse (it wants https for web clients): they exist for trying the provider on one machine. Existing
 * entries are left alone, so a restart changes nothing.
 */
public final class DemoTenant implements InitializingBean {

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
	public static final String ADMIN_SCOPE = OperatorClients.ADMIN_SCOPE;

	/** The partner API's scopes, which partner clients may ask for. */
	public static final Set<String> ORDER_SCOPES = Set.of("orders.read", "orders.write");

	private static final Logger log = LoggerFactory.getLogger(DemoTenant.class);

	private final UserDirectory users;

	private final PasswordEncoder passwords;

	private final RegisteredClientRepository clients;

	private final ClientSecretEncoder secrets;

	public DemoTenant(UserDirectory users, PasswordEncoder passwords, RegisteredClientRepository clients,
			ClientSecretEncoder secrets) {
		this.users = users;
		this.passwords = passwords;
		this.clients = clients;
		this.secrets = secrets;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.users.exists(USERNAME)) {
			this.users.create(new UserAccount(USERNAME, this.passwords.encode(PASSWORD), true,
					Map.of("name", "Alice Example", "given_name", "Alice", "family_name", "Example",
							"preferred_username", USERNAME, "email", "alice@example.com", "email_verified", true,
							"locale", "en")));
		}
		seedClient(SHOP, "Demo Shop", client -> client
			.clientSecret(this.secrets.encoder().encode(SHOP_SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(SHOP_REDIRECT_URI)
			.postLogoutRedirectUri(SHOP_POST_LOGOUT_URI)
			.scopes(scopes -> scopes.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build()));
		seedClient(SPA, "Demo SPA", client -> client
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(SPA_REDIRECT_URI)
			.postLogoutRedirectUri(SPA_POST_LOGOUT_URI)
			.scopes(scopes -> scopes.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build()));
		seedClient(PARTNER_API, "Demo Partner API", client -> client
			.clientSecret(this.secrets.encoder().encode(PARTNER_API_SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES)));
		seedClient(ADMIN, "Demo Admin", client -> client
			.clientSecret(this.secrets.encoder().encode(ADMIN_SECRET))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(ADMIN_SCOPE)
			.clientSettings(ClientSettings.builder().setting(OperatorClients.SETTING, true).build()));
	}

	private void seedClient(String clientId, String name, Consumer<RegisteredClient.Builder> settings) {
		if (this.clients.findByClientId(clientId) != null) {
			return;
		}
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name);
		settings.accept(client);
		this.clients.save(client.build());
		log.info("Seeded demo client {}", clientId);
	}

}
