package dev.failsafe.idp.server.clients;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registers, changes and removes clients: the rules an operator's request must pass (exact,
 * absolute redirect URIs; PKCE for public clients; no client_credentials without a secret), and
 * secrets we generate (256 random bits, shown once, stored as a SHA-256 hash).
 *
 * <p>Listing and deleting go to the {@code oauth2_registered_client} table directly, since the
 * authorization server's repository offers neither.
 */
public final class ClientRegistrations {

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RegisteredClientRepository clients;

	private final JdbcOperations jdbc;

	private final ClientSecretEncoder secrets;

	private final Consumer<String> deleted;

	/**
	 * @param deleted told the client_id of every deleted client (to drop it from caches), since a
	 *        delete bypasses {@code clients}
	 */
	public ClientRegistrations(RegisteredClientRepository clients, JdbcOperations jdbc, ClientSecretEncoder secrets,
			Consumer<String> deleted) {
		this.clients = clients;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.deleted = deleted;
	}

	/** A new registration and its secret in clear, which exists only in this answer. */
	public record Created(RegisteredClient client, String secret) {
	}

	public List<RegisteredClient> list() {
		return this.jdbc.queryForList("SELECT client_id FROM oauth2_registered_client ORDER BY client_id", String.class)
			.stream()
			.map(this.clients::findByClientId)
			.toList();
	}

	public Optional<RegisteredClient> find(String clientId) {
		return Optional.ofNullable(this.clients.findByClientId(clientId));
	}

	public Created create(ClientSpec spec) {
		require(spec.clientId() != null && CLIENT_ID.matcher(spec.clientId()).matches(),
				"clientId must be 1 to 100 letters, digits, '.', '_' or '-'");
		if (find(spec.clientId()).isPresent()) {
			throw new ClientIdTakenException(spec.clientId());
		}
		String secret = spec.confidential() ? newSecret() : null;
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(spec.clientId());
		if (secret != null) {
			builder.clientSecret(this.secrets.encoder().encode(secret));
		}
		RegisteredClient client = apply(builder, spec).build();
		this.clients.save(client);
		return new Created(client, secret);
	}

	public Optional<RegisteredClient> update(String clientId, ClientSpec spec) {
		require(spec.clientId() == null || spec.clientId().equals(clientId), "clientId cannot be changed");
		return find(clientId).map(existing -> {
			boolean wasConfidential = !existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
			require(wasConfidential == spec.confidential(),
					"clientType cannot be changed; register a new client instead");
			RegisteredClient.Builder builder = RegisteredClient.from(existing);
			builder.clientAuthenticationMethods(Set::clear)
				.authorizationGrantTypes(Set::clear)
				.redirectUris(Set::clear)
				.postLogoutRedirectUris(Set::clear)
				.scopes(Set::clear);
			RegisteredClient updated = apply(builder, spec).build();
			this.clients.save(updated);
			return updated;
		});
	}

	public boolean delete(String clientId) {
		boolean deletedOne = this.jdbc.update("DELETE FROM oauth2_registered_client WHERE client_id = ?", clientId) > 0;
		this.deleted.accept(clientId);
		return deletedOne;
	}

	/**
	 * A new secret for a confidential client; the old one stops working at once on this node, and on
	 * the others within {@code idp.clients.cache-time}.
	 */
	public Optional<String> rotateSecret(String clientId) {
		return find(clientId).map(existing -> {
			require(!existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE),
					"a public client has no secret");
			String secret = newSecret();
			this.clients.save(RegisteredClient.from(existing).clientSecret(this.secrets.encoder().encode(secret)).build());
			return secret;
		});
	}

	private RegisteredClient.Builder apply(RegisteredClient.Builder builder, ClientSpec spec) {
		require(spec.clientName() != null && !spec.clientName().isBlank() && spec.clientName().length() <= 200,
				"clientName must be 1 to 200 characters");
		require(!spec.grantTypes().isEmpty() && GRANT_TYPES.containsAll(spec.grantTypes()),
				"grantTypes must be some of " + GRANT_TYPES);
		boolean codeFlow = spec.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		require(spec.confidential() || !spec.grantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()),
				"a public client cannot use client_credentials");
		require(!codeFlow || !spec.redirectUris().isEmpty(), "authorization_code needs at least one redirect URI");
		spec.redirectUris().forEach(uri -> requireRedirectUri(uri, "redirectUris"));
		spec.postLogoutRedirectUris().forEach(uri -> requireRedirectUri(uri, "postLogoutRedirectUris"));
		spec.scopes().forEach(scope -> require(SCOPE.matcher(scope).matches(), "invalid scope: " + scope));
		String algorithm = (spec.signingAlgorithm() != null) ? spec.signingAlgorithm()
				: SigningAlgorithm.DEFAULT.name();
		require(SigningAlgorithm.named(algorithm).isPresent(),
				"signingAlgorithm must be one of " + java.util.Arrays.toString(SigningAlgorithm.values()));

		builder.clientName(spec.clientName());
		if (spec.confidential()) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		spec.grantTypes().forEach(grant -> builder.authorizationGrantType(new AuthorizationGrantType(grant)));
		spec.redirectUris().forEach(builder::redirectUri);
		spec.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		spec.scopes().forEach(builder::scope);
		builder.clientSettings(ClientSettings.builder()
			.requireProofKey(codeFlow)
			.requireAuthorizationConsent(spec.requireConsent())
			.build());
		builder.tokenSettings(TokenSettings.builder()
			.idTokenSignatureAlgorithm(SignatureAlgorithm.from(algorithm))
			.build());
		return builder;
	}

	private static void requireRedirectUri(String value, String field) {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidClientRegistrationException(field + " holds a malformed URI");
		}
		require(uri.isAbsolute() && uri.getFragment() == null && uri.getHost() != null && uri.getUserInfo() == null,
				field + " must be absolute URIs with a host, without user info or fragment");
		boolean loopback = "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost())
				|| "localhost".equals(uri.getHost());
		require("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback),
				field + " must use https (http only on loopback)");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidClientRegistrationException(message);
		}
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Another client already has this id. */
	public static final class ClientIdTakenException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ClientIdTakenException(String clientId) {
			super("A client with id " + clientId + " already exists.");
		}

	}

}
