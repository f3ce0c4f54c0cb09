package dev.failsafe.idp.samples.verifier;

import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the provider's access tokens (RFC 9068) and ID tokens locally, with no call to the
 * provider but for the JWKS, which it caches through outages and restarts ({@link JwksSourceStack}).
 * Thread-safe; create one per issuer and keep it. {@link #close()} stops its background refresh.
 *
 * <p>A token is accepted only if it is a signed JWT with an allowed algorithm (never {@code none}
 * or a shared-secret algorithm), of the expected {@code typ}, signed by a key from the configured
 * JWKS URL named by its {@code kid} (keys embedded in or pointed to by the header are never used),
 * and its claims pass {@link ClaimRules}.
 */
public final class TokenVerifier implements AutoCloseable {

	/** Far above any token of ours; bounds the work an attacker can ask for. */
	static final int MAX_TOKEN_LENGTH = 16 * 1024;

	private final VerifierSettings settings;

	private final JWKSource<SecurityContext> keys;

	private final DefaultJWTProcessor<SecurityContext> accessTokens;

	private final DefaultJWTProcessor<SecurityContext> idTokens;

	TokenVerifier(VerifierSettings settings, JWKSource<SecurityContext> keys) {
		this.settings = settings;
		this.keys = keys;
		CachedKeySelector keySelector = new CachedKeySelector(keys);
		this.accessTokens = (settings.audience() != null)
				? processor(keySelector, TokenProfile.ACCESS, settings.audience()) : null;
		this.idTokens = (settings.clientId() != null) ? processor(keySelector, TokenProfile.ID, settings.clientId())
				: null;
	}

	/** A verifier with the layered JWKS cache of {@code settings}. */
	public static TokenVerifier create(VerifierSettings settings) {
		return new TokenVerifier(settings, JwksSourceStack.build(settings));
	}

	/** Verifies an access token meant for {@link VerifierSettings#audience()}. */
	public VerifiedToken verifyAccessToken(String token) throws TokenRejectedException, KeysUnavailableException {
		if (this.accessTokens == null) {
			throw new IllegalStateException("This verifier has no audience: it verifies ID tokens only");
		}
		return verify(this.accessTokens, token);
	}

	/**
	 * Verifies an ID token meant for {@link VerifierSettings#clientId()}.
	 * @param expectedNonce the nonce this login sent (null: not checked)
	 */
	public VerifiedToken verifyIdToken(String token, String expectedNonce)
			throws TokenRejectedException, KeysUnavailableException {
		if (this.idTokens == null) {
			throw new IllegalStateException("This verifier has no client id: it verifies access tokens only");
		}
		VerifiedToken verified = verify(this.idTokens, token);
		if (expectedNonce != null && !expectedNonce.equals(verified.claims().getClaim("nonce"))) {
			throw new TokenRejectedException(Rejection.WRONG_NONCE);
		}
		return verified;
	}

	private VerifiedToken verify(DefaultJWTProcessor<SecurityContext> processor, String token)
			throws TokenRejectedException, KeysUnavailableException {
		if (token == null || token.length() > MAX_TOKEN_LENGTH) {
			throw new TokenRejectedException(Rejection.MALFORMED);
		}
		JWT jwt = CompactJws.parseOrNull(token);
		if (jwt == null) {
			try {
				jwt = JWTParser.parse(token);
			}
			catch (ParseException | RuntimeException ex) {
				// Nimbus throws a NullPointerException for some headers (a JSON "null").
				throw new TokenRejectedException(Rejection.MALFORMED);
			}
		}
		if (!(jwt instanceof SignedJWT signed)
				|| !this.settings.algorithms().contains(signed.getHeader().getAlgorithm())) {
			throw new TokenRejectedException(Rejection.ALGORITHM_NOT_ALLOWED);
		}
		try {
			JWTClaimsSet claims = processor.process(signed, null);
			return new VerifiedToken(signed.getHeader(), claims);
		}
		catch (RuleViolation ex) {
			throw new TokenRejectedException(ex.reason());
		}
		catch (BadJWSException ex) {
			throw new TokenRejectedException(Rejection.BAD_SIGNATURE);
		}
		catch (BadJWTException ex) {
			// The payload is not a JSON object of claims.
			throw new TokenRejectedException(Rejection.MALFORMED);
		}
		catch (BadJOSEException ex) {
			// What is left after our typed checks: no key of the JWKS matches the header.
			throw new TokenRejectedException(Rejection.UNKNOWN_KEY);
		}
		catch (KeySourceException ex) {
			throw new KeysUnavailableException("The issuer's keys cannot be fetched and no last good JWKS is recent "
					+ "enough: " + ex.getMessage(), ex);
		}
		catch (JOSEException ex) {
			// A matching key that cannot check this signature (wrong curve or size): not a valid token.
			throw new TokenRejectedException(Rejection.BAD_SIGNATURE);
		}
	}

	private DefaultJWTProcessor<SecurityContext> processor(CachedKeySelector keySelector, TokenProfile profile,
			String audience) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(profile);
		processor.setJWSKeySelector(keySelector);
		processor.setJWTClaimsSetVerifier(new ClaimRules(this.settings.issuer().toString(), audience, profile,
				this.settings.clockSkew(), this.settings.clock()));
		return processor;
	}

	@Override
	public void close() throws IOException {
		if (this.keys instanceof Closeable closeable) {
			closeable.close();
		}
	}

}
