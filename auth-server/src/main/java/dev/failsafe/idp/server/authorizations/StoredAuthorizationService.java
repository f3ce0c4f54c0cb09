package dev.failsafe.idp.server.authorizations;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.server.sessions.SessionActivity;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's {@link OAuth2AuthorizationService} over the replicated
 * {@link AuthorizationStore}.
 *
 * <ul>
 * <li><b>One-time use.</b> Each authorization read carries the store version it was read at (the
 * attribute {@value AuthorizationRecords#VERSION_ATTRIBUTE}, copied along by
 * {@code OAuth2Authorization.from}); saving it is a compare-and-set on that version
 * ({@link AuthorizationRecords}), so of two requests redeeming one code or rotating one refresh token
 * exactly one saves, and the other gets {@code invalid_grant}.</li>
 * <li><b>Reuse detection.</b> A refresh token rotated out of an authorization stays known as
 * retired: lookups treat it as unknown, and {@link #revokeFamilyIfRetired} (called by the refresh
 * grant, see {@link RefreshTokenReuseDetection}) revokes the live tokens of the whole family, also
 * when it was used at the same moment as its rotation. A code redeemed concurrently is reuse too:
 * the request that loses the compare-and-set revokes the winner's tokens (metrics
 * {@code idp.refresh_token.reuse}, {@code idp.authorization_code.reuse}).</li>
 * <li><b>Acknowledged means stored.</b> A write the store cannot confirm surfaces as
 * {@code temporarily_unavailable}, never as success.</li>
 * <li><b>Refreshes keep the session alive.</b> A refresh tells {@link SessionActivity} the session
 * the authorization was issued in, so it does not expire (and log its relying parties out) while
 * they use it.</li>
 * <li><b>Bound to the client secret.</b> A new client_credentials authorization records which
 * secret it was issued under ({@link ClientSecretBinding}), for {@link ActiveAccessTokens}.</li>
 * <li><b>Owned by whoever it names.</b> A save stores the principal the authorization names now,
 * so a device grant, created for the device's client, belongs to the user who approved it from then
 * on: the user's security events ({@link StoredUserGrants}) find and revoke it.</li>
 * <li><b>Bound to the login session.</b> An OpenID Connect code records the login session that
 * approved it ({@link LoginSessionBinding}), for the ID token's {@code sid} and {@code auth_time}.</li>
 * </ul>
 */
public final class StoredAuthorizationService implements OAuth2AuthorizationService {

	/** How long an authorization waiting for consent (holding no token yet) is kept. */
	private static final Duration PENDING_CONSENT_TTL = Duration.ofMinutes(10);

	private static final int REVOKE_ATTEMPTS = 5;

	private static final Logger log = LoggerFactory.getLogger(StoredAuthorizationService.class);

	private final AuthorizationStore store;

	private final RegisteredClientRepository clients;

	private final Clock clock;

	private final AuthorizationCodec codec = new AuthorizationCodec();

	private final AuthorizationRecords records;

	private final Counter reuseDetected;

	private final Counter codeReuseDetected;

	private final SessionActivity sessionActivity;

	/** @param sessionActivity told of every refresh, with the session the authorization was issued in */
	public StoredAuthorizationService(AuthorizationStore store, RegisteredClientRepository clients, Clock clock,
			MeterRegistry meters, SessionActivity sessionActivity) {
		this.store = store;
		this.clients = clients;
		this.clock = clock;
		this.sessionActivity = sessionActivity;
		this.records = new AuthorizationRecords(store, clients, this.codec);
		this.reuseDetected = Counter.builder("idp.refresh_token.reuse")
			.description("Rotated refresh tokens presented again, also concurrently (the family is revoked)")
			.register(meters);
		this.codeReuseDetected = Counter.builder("idp.authorization_code.reuse")
			.description("Redeemed codes presented again, also concurrently (their tokens are revoked)")
			.register(meters);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationSave.revokesForReplayedCode(authorization)) {
			// The code grant found its code already redeemed and revokes what it issued.
			this.codeReuseDetected.increment();
		}
		Long version = authorization.getAttribute(AuthorizationRecords.VERSION_ATTRIBUTE);
		RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
		OAuth2Authorization bound = LoginSessionBinding.bind((version == null) ? bindSecret(authorization, client)
				: authorization);
		AuthorizationCodec.Encoded encoded = this.codec.encode(bound, client,
				this.clock.instant().plus(PENDING_CONSENT_TTL));
		boolean saved = AuthorizationRecords.write(
				() -> (version == null) ? this.records.insert(authorization.getId(), authorization.getPrincipalName(), encoded)
						: this.records.replace(authorization, encoded));
		if (!saved) {
			if (AuthorizationSave.redeemsCode(authorization)) {
				// A code another request redeemed at the same moment: reuse, as if it had come after
				// (RFC 6749 section 4.1.2); the winner's tokens are revoked too. (A refresh token that
				// lost is retired by the winner: RefreshTokenReuseDetection acts on it.)
				this.store.findById(authorization.getId())
					.ifPresent(winner -> revokeFamily(winner, this.codeReuseDetected));
			}
			throw ProtocolErrors.asException(ProtocolErrors.grantUsedConcurrently());
		}
		if (version != null) {
			AuthorizationSave.refreshedSession(authorization)
				.ifPresent(sid -> this.sessionActivity.refreshed(authorization.getPrincipalName(), sid));
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		AuthorizationRecords.write(() -> {
			this.store.remove(authorization.getId());
			return true;
		});
	}

	/**
	 * Takes a one-time authorization out of the store (a pushed authorization request, RFC 9126):
	 * first a compare-and-set on the version it was read at, to a record that no token finds any
	 * more, then the removal. Of two requests taking one at the same moment, at any node, exactly
	 * one gets true.
	 * @return false if it was gone or another request took it first
	 */
	public boolean consume(OAuth2Authorization authorization) {
		Long version = authorization.getAttribute(AuthorizationRecords.VERSION_ATTRIBUTE);
		if (version == null) {
			return false;
		}
		return AuthorizationRecords.write(() -> {
			Optional<AuthorizationRecord> current = this.store.findById(authorization.getId())
				.filter(record -> record.version() == version);
			if (current.isEmpty()) {
				return false;
			}
			AuthorizationRecord stored = current.get();
			if (!this.store.replace(stored, stored.next(Set.of(), Set.of(), stored.expiresAt(), stored.payload()))) {
				return false;
			}
			this.store.remove(authorization.getId());
			return true;
		});
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.store.findById(id).map(record -> this.records.read(record, null)).orElse(null);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		String hash = TokenHash.ofPresented(token);
		Optional<AuthorizationRecord> found = this.store.findByTokenHash(hash);
		if (found.isEmpty()) {
			return null;
		}
		AuthorizationRecord record = found.get();
		if (record.retiredTokenHashes().contains(hash)) {
			// A rotated-out refresh token is dead; reuse is acted on by revokeFamilyIfRetired.
			return null;
		}
		OAuth2Authorization authorization = this.records.read(record, token);
		return (authorization != null && TokenMatch.matches(authorization, token, tokenType)) ? authorization : null;
	}

	/** Every authorization of {@code principalName} still in the store (found by its principal index). */
	List<OAuth2Authorization> findByPrincipalName(String principalName) {
		return this.store.findByPrincipalName(principalName)
			.stream()
			.map(record -> this.records.read(record, null))
			.filter(Objects::nonNull)
			.toList();
	}

	/**
	 * Reuse detection for the refresh grant: if {@code refreshToken} was rotated out of its
	 * authorization, revokes the tokens now live in that family.
	 * @return whether the token was a retired one
	 */
	public boolean revokeFamilyIfRetired(String refreshToken) {
		String hash = TokenHash.ofPresented(refreshToken);
		Optional<AuthorizationRecord> found = this.store.findByTokenHash(hash)
			.filter(record -> record.retiredTokenHashes().contains(hash));
		found.ifPresent(record -> revokeFamily(record, this.reuseDetected));
		return found.isPresent();
	}

	/** A new client_credentials authorization, bound to the secret it is issued under. */
	private static OAuth2Authorization bindSecret(OAuth2Authorization authorization, RegisteredClient client) {
		if (!ClientSecretBinding.applies(authorization)) {
			return authorization;
		}
		return (client != null) ? ClientSecretBinding.bind(authorization, client) : authorization;
	}

	/**
	 * Revokes the live tokens of an authorization whose code or rotated refresh token came back, and
	 * counts the reuse in {@code reuse}.
	 */
	private void revokeFamily(AuthorizationRecord retiredMatch, Counter reuse) {
		reuse.increment();
		log.atWarn()
			.addKeyValue("authorization.id", retiredMatch.id())
			.log("Code or rotated refresh token presented again; revoking its family");
		AuthorizationRecord record = retiredMatch;
		for (int attempt = 0; attempt < REVOKE_ATTEMPTS; attempt++) {
			OAuth2Authorization authorization = this.records.read(record, null);
			if (authorization == null) {
				return;
			}
			OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
			OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
			OAuth2Authorization.Token<? extends OAuth2Token> live = (refresh != null) ? refresh : access;
			if (live == null || live.isInvalidated()) {
				// Nothing left to revoke, or a concurrent reuse already did it.
				return;
			}
			OAuth2Authorization revoked = OAuth2Authorization.from(authorization).invalidate(live.getToken()).build();
			AuthorizationCodec.Encoded encoded = this.codec.encode(revoked,
					this.clients.findById(revoked.getRegisteredClientId()), record.expiresAt());
			if (AuthorizationRecords.write(() -> this.records.replace(revoked, encoded))) {
				return;
			}
			Optional<AuthorizationRecord> reread = this.store.findById(retiredMatch.id());
			if (reread.isEmpty()) {
				return;
			}
			record = reread.get();
		}
		throw ProtocolErrors.asException(ProtocolErrors.temporarilyUnavailable());
	}

}
