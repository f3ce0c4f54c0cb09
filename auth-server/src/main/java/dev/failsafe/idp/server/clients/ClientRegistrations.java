package dev.failsafe.idp.server.clients;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registers, changes and removes clients: the rules an operator's request must pass
 * ({@link ClientSpecRules}), a client id that names no user, and secrets we generate (256 random
 * bits, shown once, stored as a SHA-256 hash).
 *
 * <p>Listing and deleting go to the {@code oauth2_registered_client} table directly, since the
 * authorization server's repository offers neither.
 */
public final class ClientRegistrations {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RegisteredClientRepository clients;

	private final JdbcOperations jdbc;

	private final ClientSecretEncoder secrets;

	private final Consumer<String> deleted;

	private final Predicate<String> usernameTaken;

	/**
	 * @param deleted told the client_id of every deleted client (to drop it from caches), since a
	 *        delete bypasses {@code clients}
	 * @param usernameTaken whether a user has this name (a client id must not name one)
	 */
	public ClientRegistrations(RegisteredClientRepository clients, JdbcOperations jdbc, ClientSecretEncoder secrets,
			Consumer<String> deleted, Predicate<String> usernameTaken) {
		this.clients = clients;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.deleted = deleted;
		this.usernameTaken = usernameTaken;
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

	/**
	 * Registers a client. Its id must name no other client and no user: a client_credentials token's
	 * {@code sub} is its client id, so a partner keyed by {@code sub} would take it for the user's.
	 */
	public Created create(ClientSpec spec) {
		ClientSpecRules.checkNewId(spec.clientId());
		if (find(spec.clientId()).isPresent()) {
			throw new ClientIdTakenException("A client with id " + spec.clientId() + " already exists.");
		}
		if (this.usernameTaken.test(spec.clientId())) {
			throw new ClientIdTakenException("A user is named " + spec.clientId() + "; a client id must name no user, "
					+ "since a client's own tokens carry its id as sub.");
		}
		ApplicationType type = ClientSpecRules.check(spec);
		String secret = spec.confidential() ? newSecret() : null;
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(spec.clientId());
		if (secret != null) {
			builder.clientSecret(this.secrets.encoder().encode(secret));
		}
		RegisteredClient client = apply(builder, spec, type).build();
		this.clients.save(client);
		return new Created(client, secret);
	}

	public Optional<RegisteredClient> update(String clientId, ClientSpec spec) {
		if (spec.clientId() != null && !spec.clientId().equals(clientId)) {
			throw new InvalidClientRegistrationException("clientId", "clientId cannot be changed");
		}
		ApplicationType type = ClientSpecRules.check(spec);
		return find(clientId).map(existing -> {
			boolean wasConfidential = !existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
			if (wasConfidential != spec.confidential()) {
				throw new InvalidClientRegistrationException("clientType",
						"clientType cannot be changed; register a new client instead");
			}
			RegisteredClient.Builder builder = RegisteredClient.from(existing);
			builder.clientAuthenticationMethods(Set::clear)
				.authorizationGrantTypes(Set::clear)
				.redirectUris(Set::clear)
				.postLogoutRedirectUris(Set::clear)
				.scopes(Set::clear);
			RegisteredClient updated = apply(builder, spec, type).build();
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
	 * the others within {@code idp.clients.cache-time}. So do the admin tokens issued under the old one.
	 */
	public Optional<String> rotateSecret(String clientId) {
		return find(clientId).map(existing -> {
			if (existing.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
				throw new InvalidClientRegistrationException("clientType", "a public client has no secret");
			}
			String secret = newSecret();
			this.clients.save(RegisteredClient.from(existing).clientSecret(this.secrets.encoder().encode(secret)).build());
			return secret;
		});
	}

	private static RegisteredClient.Builder apply(RegisteredClient.Builder builder, ClientSpec spec,
			ApplicationType type) {
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
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(spec.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue()))
			.requireAuthorizationConsent(spec.requireConsent())
			.setting(ApplicationType.SETTING, type.value());
		if (spec.operator()) {
			settings.setting(OperatorClients.SETTING, true);
		}
		if (spec.backchannelLogoutUri() != null) {
			settings.setting(BackChannelLogoutRegistration.URI_SETTING, spec.backchannelLogoutUri())
				.setting(BackChannelLogoutRegistration.SESSION_REQUIRED_SETTING, spec.backchannelLogoutSessionRequired());
		}
		builder.clientSettings(settings.build());
		String algorithm = (spec.signingAlgorithm() != null) ? spec.signingAlgorithm()
				: SigningAlgorithm.DEFAULT.name();
		builder.tokenSettings(
				TokenSettings.builder().idTokenSignatureAlgorithm(SignatureAlgorithm.from(algorithm)).build());
		return builder;
	}

	private static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Another client, or a user, already has this id. */
	public static final class ClientIdTakenException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ClientIdTakenException(String message) {
			super(message);
		}

	}

}
