package dev.failsafe.idp.server.dpop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.onetime.OneTimeUse;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a DPoP proof (RFC 9449) used a second time, at this node or any other of any site: each
 * proof's {@code jti} is recorded in the replicated store ({@link OneTimeUse}) before the request
 * goes on, and a proof whose {@code jti} is already there is {@code invalid_dpop_proof}. Spring's own
 * check remembers proofs in this node's memory only.
 *
 * <p>Only a proof that verifies (its {@code typ}, its own public key, its signature) is recorded, so
 * garbage cannot fill the store; anything else goes on to Spring's verification, which refuses it.
 * A proof older than {@link #WINDOW} (or from the future beyond the skew) is refused, so every
 * accepted proof stays recorded for as long as it could be accepted. The key is a SHA-256 of the
 * proof key's thumbprint and the {@code jti}. When the store cannot record the use, the request is
 * refused as "try again" (503), never let through unchecked.
 */
public final class DpopReplayGuard extends OncePerRequestFilter {

	/** How old a proof may be; its {@code jti} is remembered this long plus the skew. */
	static final Duration WINDOW = Duration.ofMinutes(5);

	private static final String DPOP = "DPoP";

	private static final JOSEObjectType PROOF_TYPE = new JOSEObjectType("dpop+jwt");

	private final OneTimeUse uses;

	private final Clock clock;

	private final Duration skew;

	private final RequestMatcher tokenEndpoint;

	private final RequestMatcher resources;

	private final ProtocolErrorResponder json;

	public DpopReplayGuard(OneTimeUse uses, Clock clock, Duration skew, RequestMatcher tokenEndpoint,
			RequestMatcher resources, ProtocolErrorResponder json) {
		this.uses = uses;
		this.clock = clock;
		this.skew = skew;
		this.tokenEndpoint = tokenEndpoint;
		this.resources = resources;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(DPOP) == null
				|| (!this.tokenEndpoint.matches(request) && !this.resources.matches(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> proofs = Collections.list(request.getHeaders(DPOP));
		SignedJWT proof = (proofs.size() == 1) ? verifiedProof(proofs.get(0)) : null;
		if (proof == null) {
			chain.doFilter(request, response);
			return;
		}
		Instant issuedAt;
		String jti;
		try {
			issuedAt = (proof.getJWTClaimsSet().getIssueTime() != null)
					? proof.getJWTClaimsSet().getIssueTime().toInstant() : null;
			jti = proof.getJWTClaimsSet().getJWTID();
		}
		catch (ParseException ex) {
			chain.doFilter(request, response);
			return;
		}
		if (issuedAt == null || jti == null || jti.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Instant now = this.clock.instant();
		if (issuedAt.isBefore(now.minus(WINDOW)) || issuedAt.isAfter(now.plus(this.skew))) {
			refuse(request, response, "The DPoP proof was not made just now (iat).");
			return;
		}
		boolean first;
		try {
			first = this.uses.firstUse(key(proof.getHeader().getJWK(), jti), WINDOW.plus(this.skew));
		}
		catch (StoreUnavailableException ex) {
			this.json.write(request, response, ProtocolErrors.temporarilyUnavailable(), HttpStatus.SERVICE_UNAVAILABLE);
			return;
		}
		if (!first) {
			refuse(request, response, "The DPoP proof was used already (jti).");
			return;
		}
		chain.doFilter(request, response);
	}

	/** The proof if it is a DPoP proof signed by the public key it carries; null otherwise. */
	private static SignedJWT verifiedProof(String value) {
		try {
			SignedJWT proof = SignedJWT.parse(value);
			JWK key = proof.getHeader().getJWK();
			if (!PROOF_TYPE.equals(proof.getHeader().getType()) || key == null || key.isPrivate()) {
				return null;
			}
			java.security.Key publicKey = (key instanceof RSAKey rsa) ? rsa.toRSAPublicKey()
					: (key instanceof ECKey ec) ? ec.toECPublicKey() : null;
			return (publicKey != null
					&& proof.verify(new DefaultJWSVerifierFactory().createJWSVerifier(proof.getHeader(), publicKey)))
							? proof : null;
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return null;
		}
	}

	private static String key(JWK key, String jti) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(key.computeThumbprint().decode());
			sha256.update((":" + jti).getBytes(StandardCharsets.UTF_8));
			return "dpop:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
		}
		catch (NoSuchAlgorithmException | JOSEException ex) {
			throw new IllegalStateException("SHA-256 thumbprints are required by the Java platform", ex);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
		OAuth2Error error = ProtocolErrors.invalidDpopProof(why);
		if (this.tokenEndpoint.matches(request)) {
			this.json.write(request, response, error, HttpStatus.BAD_REQUEST);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"DPoP error=\"invalid_dpop_proof\", error_description=\"" + why + "\"");
		this.json.write(request, response, error, HttpStatus.UNAUTHORIZED);
	}

}
