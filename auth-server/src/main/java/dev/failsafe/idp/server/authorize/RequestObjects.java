package dev.failsafe.idp.server.authorize;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.authorize.AuthorizationRequestResolver.RefusedRequest;
import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Request objects ({@code request}; RFC 9101, OIDC Core section 6.1): the authorization request's
 * parameters as claims of a JWT the client signed with a key it registered
 * ({@link ClientProtocolSettings#JWKS}). Its claims win over the query's parameters of the same
 * name; the query's {@code client_id} and {@code response_type} must agree with it.
 *
 * <ul>
 * <li>A client that registered no key cannot send one: {@code request_not_supported}.</li>
 * <li>Unsigned ({@code alg: none}) and encrypted objects, another algorithm than {@value #ALGORITHMS},
 * a signature none of the client's keys verifies, an {@code iss} other than the client, an
 * {@code aud} that does not name us, an expired or not yet valid object: {@code invalid_request_object}.</li>
 * </ul>
 * The registered keys are the client's; a request object is never fetched from anywhere.
 */
public final class RequestObjects {

	/** The signature algorithms accepted (discovery's {@code request_object_signing_alg_values_supported}). */
	public static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");

	/** Claims about the object itself, not parameters of the request. */
	private static final Set<String> ENVELOPE = Set.of("iss", "aud", "exp", "iat", "nbf", "jti");

	private final String issuer;

	private final Clock clock;

	private final Duration skew;

	public RequestObjects(String issuer, Clock clock, Duration skew) {
		this.issuer = issuer;
		this.clock = clock;
		this.skew = skew;
	}

	/** The request's parameters with the request object's claims merged over them. */
	AuthorizationParameters merge(AuthorizationParameters parameters, RegisteredClient client) {
		JWKSet keys = ClientProtocolSettings.keys(client)
			.orElseThrow(() -> new RefusedRequest(ProtocolErrors.requestNotSupported()));
		String value = parameters.single(AuthorizationParameters.REQUEST);
		if (value == null) {
			throw invalid("send the request parameter once");
		}
		SignedJWT object = signedObject(value);
		verify(object, keys);
		JWTClaimsSet claims;
		try {
			claims = object.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw invalid("its claims are not a JSON object");
		}
		checkEnvelope(claims, client.getClientId());
		Map<String, String> overrides = new LinkedHashMap<>();
		claims.getClaims().forEach((name, claim) -> {
			if (!ENVELOPE.contains(name) && claim != null) {
				overrides.put(name, text(claim));
			}
		});
		for (String mustAgree : List.of(OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.RESPONSE_TYPE)) {
			String inObject = overrides.get(mustAgree);
			if (inObject != null && !inObject.equals(parameters.single(mustAgree))) {
				throw invalid(mustAgree + " differs from the request's");
			}
		}
		return parameters.with(AuthorizationParameters.REQUEST, null).overriddenBy(overrides);
	}

	private static SignedJWT signedObject(String value) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(value);
		}
		catch (ParseException ex) {
			throw invalid("it is not a JWT");
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw invalid("it must be signed with a key the client registered (unsigned or encrypted objects are "
					+ "not accepted)");
		}
		if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm().getName())) {
			throw invalid("alg must be one of " + ALGORITHMS);
		}
		return signed;
	}

	private static void verify(SignedJWT object, JWKSet keys) {
		JWSAlgorithm algorithm = object.getHeader().getAlgorithm();
		String kid = object.getHeader().getKeyID();
		DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
		for (JWK key : keys.getKeys()) {
			if (kid != null && !kid.equals(key.getKeyID())) {
				continue;
			}
			try {
				Key publicKey = publicKey(key, algorithm);
				if (publicKey != null && object.verify(verifiers.createJWSVerifier(object.getHeader(), publicKey))) {
					return;
				}
			}
			catch (JOSEException ex) {
				// Not this key: a key of another type or size for this algorithm.
			}
		}
		throw invalid("it is not signed by a key the client registered");
	}

	private static Key publicKey(JWK key, JWSAlgorithm algorithm) throws JOSEException {
		if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
			return rsa.toRSAPublicKey();
		}
		if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec) {
			return ec.toECPublicKey();
		}
		return null;
	}

	private void checkEnvelope(JWTClaimsSet claims, String clientId) {
		if (claims.getIssuer() != null && !claims.getIssuer().equals(clientId)) {
			throw invalid("iss must be the client_id");
		}
		if (claims.getAudience() != null && !claims.getAudience().isEmpty()
				&& !claims.getAudience().contains(this.issuer)) {
			throw invalid("aud must name this provider's issuer");
		}
		Instant now = this.clock.instant();
		Date expires = claims.getExpirationTime();
		if (expires != null && now.minus(this.skew).isAfter(expires.toInstant())) {
			throw invalid("it has expired");
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(this.skew).isBefore(notBefore.toInstant())) {
			throw invalid("it is not valid yet");
		}
	}

	/** A claim as a parameter value: strings as they are, numbers and booleans as text, objects as JSON. */
	@SuppressWarnings("unchecked")
	private static String text(Object claim) {
		if (claim instanceof Map<?, ?> object) {
			return JSONObjectUtils.toJSONString((Map<String, ?>) object);
		}
		if (claim instanceof List<?> array) {
			return JSONArrayUtils.toJSONString(array);
		}
		if (claim instanceof Date date) {
			return Long.toString(date.toInstant().getEpochSecond());
		}
		return String.valueOf(claim);
	}

	private static RefusedRequest invalid(String why) {
		return new RefusedRequest(ProtocolErrors.invalidRequestObject(why));
	}

}
