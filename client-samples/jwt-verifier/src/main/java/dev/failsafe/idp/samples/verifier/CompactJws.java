package dev.failsafe.idp.samples.verifier;

import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;

/**
 * The fast path of parsing a token: a compact JWS (three base64url parts) is split and each part
 * decoded once, with the JDK's decoder, into a {@link Base64URL} that hands Nimbus those bytes.
 * Nimbus decodes the header, the claims and the signature of every token with its own decoder, which
 * took about 16% of a whole verification in the profile (README, "Throughput"); and the general
 * {@code JWTParser} parses the header twice. Anything that is not such a JWS returns null, and the
 * caller classifies it the general way (an unsecured or encrypted JWT, garbage), so what is rejected
 * and why stays the same. The JDK's decoder is stricter than Nimbus's, which skips characters
 * outside the alphabet: a part with such characters takes the general path.
 */
final class CompactJws {

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private CompactJws() {
	}

	/** The signed JWT, or null when {@code token} is not three base64url parts of a JWS. */
	static SignedJWT parseOrNull(String token) {
		int first = token.indexOf('.');
		int second = (first < 0) ? -1 : token.indexOf('.', first + 1);
		if (second < 0 || token.indexOf('.', second + 1) >= 0) {
			return null;
		}
		try {
			return new SignedJWT(Decoded.of(token.substring(0, first)), Decoded.of(token.substring(first + 1, second)),
					Decoded.of(token.substring(second + 1)));
		}
		catch (ParseException | RuntimeException ex) {
			// Not base64url, or a header that is not a JWS header (alg "none", not JSON, a JSON null).
			return null;
		}
	}

	/** A base64url value decoded once; Nimbus gets a copy of the bytes at each {@link #decode()}. */
	private static final class Decoded extends Base64URL {

		private static final long serialVersionUID = 1L;

		private final byte[] bytes;

		private Decoded(String value, byte[] bytes) {
			super(value);
			this.bytes = bytes;
		}

		static Decoded of(String value) {
			return new Decoded(value, DECODER.decode(value));
		}

		@Override
		public byte[] decode() {
			return this.bytes.clone();
		}

	}

}
