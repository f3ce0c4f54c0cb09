package dev.failsafe.idp.server.authorizations;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authorizations as versioned records of the {@link AuthorizationStore}: an authorization read
 * carries the store version it was read at (the attribute {@value #VERSION_ATTRIBUTE}), and writing
 * its next state is a compare-and-set on that version that keeps a rotated-out refresh token known as
 * retired. A write the store cannot confirm surfaces as {@code temporarily_unavailable}.
 *
 * @param store where the records live
 * @param clients the clients the records name
 * @param codec the records' payload
 */
record AuthorizationRecords(AuthorizationStore store, RegisteredClientRepository clients, AuthorizationCodec codec) {

	/** The attribute that carries the store version between read and save. */
	static final String VERSION_ATTRIBUTE = "dev.failsafe.idp.store-version";

	private static final Logger log = LoggerFactory.getLogger(AuthorizationRecords.class);

	/**
	 * The authorization {@code record} holds, carrying its version, or null when its client is gone.
	 * @param presentedToken the token value the request presented, or null
	 */
	OAuth2Authorization read(AuthorizationRecord record, String presentedToken) {
		String clientId = this.codec.registeredClientId(record.payload());
		RegisteredClient client = this.clients.findById(clientId);
		if (client == null) {
			return null;
		}
		OAuth2Authorization authorization = this.codec.decode(record.id(), record.principalName(),
				record.tokenHashes(), record.payload(), client, presentedToken);
		return OAuth2Authorization.from(authorization).attribute(VERSION_ATTRIBUTE, record.version()).build();
	}

	/** Stores {@code encoded} as version 1 of a new record; false if the id is taken. */
	boolean insert(String id, String principalName, AuthorizationCodec.Encoded encoded) {
		return this.store.insert(new AuthorizationRecord(id, 1, principalName, encoded.tokenHashes(), Set.of(),
				encoded.expiresAt(), encoded.payload()));
	}

	/**
	 * Stores {@code encoded} as the next version of {@code authorization}'s record, under the
	 * principal the authorization names now: the device grant's authorization passes from the
	 * device's client to the user who approves it, and the store's principal index follows.
	 * @return false if the record is gone or no longer at the version the authorization was read at
	 */
	boolean replace(OAuth2Authorization authorization, AuthorizationCodec.Encoded encoded) {
		long version = authorization.<Long>getAttribute(VERSION_ATTRIBUTE);
		Optional<AuthorizationRecord> current = this.store.findById(authorization.getId())
			.filter(record -> record.version() == version);
		if (current.isEmpty()) {
			return false;
		}
		AuthorizationRecord stored = current.get();
		Set<String> retired = new HashSet<>(stored.retiredTokenHashes());
		String previousRefresh = this.codec.refreshTokenHash(stored.payload(), stored.tokenHashes());
		if (previousRefresh != null && !previousRefresh.equals(encoded.refreshTokenHash())) {
			retired.add(previousRefresh);
		}
		Instant expiresAt = encoded.expiresAt().isAfter(stored.expiresAt()) ? encoded.expiresAt() : stored.expiresAt();
		return this.store.replace(stored,
				stored.next(authorization.getPrincipalName(), encoded.tokenHashes(), retired, expiresAt, encoded.payload()));
	}

	/** Runs a store write, turning one the store cannot confirm into {@code temporarily_unavailable}. */
	static boolean write(BooleanSupplier write) {
		try {
			return write.getAsBoolean();
		}
		catch (StoreUnavailableException ex) {
			log.warn("Authorization store write not confirmed: {}", ex.getMessage());
			throw ProtocolErrors.asException(ProtocolErrors.temporarilyUnavailable());
		}
	}

}
