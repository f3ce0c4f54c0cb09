package dev.failsafe.idp.server.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The JWKS as this node serves it: the published public keys ({@link ActiveKeys#published}), their
 * JSON bytes and an entity tag, made once per change of the published set (a ring change, or a key
 * reaching its publish time or leaving after its retention) and shared by every request until the
 * next one. The JWKS endpoint sends these bytes; this node's own token verification selects from the
 * same set.
 */
public final class PublishedKeySet {

	/** How many bytes of the body's SHA-256 the entity tag carries (128 bits, base64url). */
	private static final int ETAG_BYTES = 16;

	private final ActiveKeys keys;

	private final Clock clock;

	private volatile Document current = Document.of(List.of());

	public PublishedKeySet(ActiveKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * The document for the keys published now: the one made before while they are the same keys
	 * (the same instance, bytes included), else a new one.
	 */
	public Document current() {
		List<JWK> published = this.keys.published(this.clock.instant());
		Document last = this.current;
		if (last.holds(published)) {
			return last;
		}
		Document made = Document.of(published);
		this.current = made;
		return made;
	}

	/**
	 * One version of the JWKS.
	 *
	 * @param keys the published public keys
	 * @param body {@code keys} as JSON, the JWKS endpoint's response body (never modify it)
	 * @param etag a strong entity tag ({@code "..."}, quotes included): 128 bits of the body's SHA-256
	 */
	public record Document(JWKSet keys, byte[] body, String etag) {

		static Document of(List<JWK> published) {
			JWKSet set = new JWKSet(published);
			byte[] body = set.toString(true).getBytes(StandardCharsets.UTF_8);
			return new Document(set, body, etag(body));
		}

		/** Whether this document holds exactly {@code published} (kids and their order). */
		boolean holds(List<JWK> published) {
			List<JWK> held = this.keys.getKeys();
			if (held.size() != published.size()) {
				return false;
			}
			for (int i = 0; i < held.size(); i++) {
				if (!held.get(i).getKeyID().equals(published.get(i).getKeyID())) {
					return false;
				}
			}
			return true;
		}

		/** The kids this document holds, in order. */
		public List<String> kids() {
			return this.keys.getKeys().stream().map(JWK::getKeyID).toList();
		}

		private static String etag(byte[] body) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
				return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(
						java.util.Arrays.copyOf(digest, ETAG_BYTES)) + "\"";
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is missing", ex);
			}
		}

	}

}
