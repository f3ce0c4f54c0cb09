package dev.failsafe.idp.replication.backchannel;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One pending back-channel logout delivery (OpenID Connect Back-Channel Logout 1.0): which relying
 * party must learn that which user's session ended. The logout token itself is made and signed at
 * each attempt; the store keeps only what it is made from.
 *
 * @param id the delivery's id: {@link #idFor} of client, subject and session, so the same logout
 * scheduled twice (a retried logout, every node seeing one session expire) is one delivery
 * @param clientId the relying party (the token's {@code aud})
 * @param subject the user (the token's {@code sub})
 * @param sessionId the provider's session the user left (the token's {@code sid}), or empty when
 * the logout is for every session of the user
 * @param tokenId the logout token's {@code jti}, the same at every attempt
 * @param createdAt when the logout was acknowledged
 * @param expiresAt when the store may forget the delivery, delivered or not (a bound above the
 * sender's own give-up rule, so nothing stays forever)
 * @param attempts how many attempts have failed so far
 * @param nextAttemptAt when the delivery is due; while claimed, when the claim's lease ends
 * @param claim the claim holding it (a value only its claimant knows), or null when none does
 */
public record LogoutDelivery(String id, String clientId, String subject, String sessionId, String tokenId,
		Instant createdAt, Instant expiresAt, int attempts, Instant nextAttemptAt, String claim) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public LogoutDelivery {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(clientId, "clientId");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(sessionId, "sessionId");
		Objects.requireNonNull(tokenId, "tokenId");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(expiresAt, "expiresAt");
		Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
		if (attempts < 0) {
			throw new IllegalArgumentException("attempts cannot be negative");
		}
		if (claim != null && claim.isEmpty()) {
			claim = null;
		}
	}

	/** A new delivery, due at once. */
	public static LogoutDelivery due(String clientId, String subject, String sessionId, String tokenId,
			Instant createdAt, Instant expiresAt) {
		return new LogoutDelivery(idFor(clientId, subject, sessionId), clientId, subject, sessionId, tokenId, createdAt,
				expiresAt, 0, createdAt, null);
	}

	/** The id of the delivery telling {@code clientId} that {@code subject} left {@code sessionId}. */
	public static String idFor(String clientId, String subject, String sessionId) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] { clientId, subject, sessionId }) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** This delivery held by {@code claimValue} until {@code leaseEnd}. */
	LogoutDelivery claimedBy(String claimValue, Instant leaseEnd) {
		return new LogoutDelivery(this.id, this.clientId, this.subject, this.sessionId, this.tokenId, this.createdAt,
				this.expiresAt, this.attempts, leaseEnd, claimValue);
	}

	/** This delivery after one more failed attempt, free again and due at {@code next}. */
	LogoutDelivery failedOnceMore(Instant next) {
		return new LogoutDelivery(this.id, this.clientId, this.subject, this.sessionId, this.tokenId, this.createdAt,
				this.expiresAt, this.attempts + 1, next, null);
	}

}
