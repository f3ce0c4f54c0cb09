package dev.failsafe.idp.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.failsafe.idp.server.clients.BackChannelLogoutRegistration;
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
 * Seeds the fixed demo tenant that the README lists, so anyone can try the provider: a user and the
 * clients of {@value #FILE} (on the classpath; the test kit reads the same file), a shop, a SPA, a
 * partner API and an operator client. The shop and the SPA are web clients on loopback http, which
 * the admin API would refuse (it wants https for web clients): they exist for trying the provider on
 * one machine. Existing entries are left alone, so a restart changes nothing.
 */
public final class DemoTenant implements InitializingBean {

	/** The tenant's names, passwords and redirect URIs, the one source of them. */
	static final String FILE = "demo-tenant.properties";

	/** The partner API's scopes, which partner clients may ask for. */
	private static final Set<String> ORDER_SCOPES = Set.of("orders.read", "orders.write");

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
		Properties tenant = load();
		String username = tenant.getProperty("username");
		if (!this.users.exists(username)) {
			this.users.create(new UserAccount(username, this.passwords.encode(tenant.getProperty("password")), true,
					Map.of("name", "Alice Example", "given_name", "Alice", "family_name", "Example",
							"preferred_username", username, "email", "alice@example.com", "email_verified", true,
							"locale", "en")));
		}
		seedClient(tenant.getProperty("shop.id"), "Demo Shop", client -> client
			.clientSecret(this.secrets.encoder().encode(tenant.getProperty("shop.secret")))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(tenant.getProperty("shop.redirect-uri"))
			.postLogoutRedirectUri(tenant.getProperty("shop.post-logout-redirect-uri"))
			.scopes(scopes -> scopes.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(true)
				.setting(BackChannelLogoutRegistration.URI_SETTING, tenant.getProperty("shop.backchannel-logout-uri"))
				.setting(BackChannelLogoutRegistration.SESSION_REQUIRED_SETTING, true)
				.build()));
		seedClient(tenant.getProperty("spa.id"), "Demo SPA", client -> client
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(tenant.getProperty("spa.redirect-uri"))
			.postLogoutRedirectUri(tenant.getProperty("spa.post-logout-redirect-uri"))
			.scopes(scopes -> scopes.addAll(Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL)))
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build()));
		seedClient(tenant.getProperty("partner-api.id"), "Demo Partner API", client -> client
			.clientSecret(this.secrets.encoder().encode(tenant.getProperty("partner-api.secret")))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(scopes -> scopes.addAll(ORDER_SCOPES)));
		seedClient(tenant.getProperty("admin.id"), "Demo Admin", client -> client
			.clientSecret(this.secrets.encoder().encode(tenant.getProperty("admin.secret")))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(OperatorClients.ADMIN_SCOPE)
			.clientSettings(ClientSettings.builder().setting(OperatorClients.SETTING, true).build()));
	}

	/** The tenant's values, every one present. */
	static Properties load() {
		Properties tenant = new Properties();
		try (InputStream in = DemoTenant.class.getClassLoader().getResourceAsStream(FILE)) {
			if (in == null) {
				throw new IllegalStateException(FILE + " is not on the classpath");
			}
			tenant.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + FILE, ex);
		}
		return tenant;
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
