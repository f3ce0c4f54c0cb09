package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs every JWT with the ring's current signer for the requested algorithm, naming it by kid.
 *
 * <p>Our tokens (a header of {@code alg}, {@code kid} and an optional {@code typ}; claims of the
 * types {@link JwtClaimsJson} writes) are signed directly by the key's {@link KeySigner}. Anything
 * else (another header parameter, a claim of another type) takes Spring's {@link NimbusJwtEncoder}
 * over a one-key set, so key selection is never ambiguous while several keys of one algorithm are
 * published. Both write the same header and claims.
 */
public final class RingJwtEncoder implements JwtEncoder {

	/** The header parameters the direct path writes. */
	private static final Set<String> DIRECT_HEADERS = Set.of("alg", "kid", "typ");

	/** A {@code typ} the direct path writes without escaping (media types such as {@code at+jwt}). */
	private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z0-9.+/-]{1,64}");

	private final ActiveKeys keys;

	private final Clock clock;

	private final Map<String, KeySigner> signersByKid = new ConcurrentHashMap<>();

	private final Map<String, NimbusJwtEncoder> encodersByKid = new ConcurrentHashMap<>();

	public RingJwtEncoder(ActiveKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) {
		JwsHeader requested = parameters.getJwsHeader();
		JwsAlgorithm algorithm = (requested != null) ? requested.getAlgorithm()
				: SignatureAlgorithm.from(SigningAlgorithm.DEFAULT.name());
		SigningAlgorithm ours = SigningAlgorithm.named(algorithm.getName())
			.orElseThrow(() -> new JwtEncodingException("No signing key is active for " + algorithm.getName()));
		JWK signer = this.keys.signer(ours, this.clock.instant())
			.orElseThrow(() -> new JwtEncodingException("No signing key is active for " + algorithm.getName()));
		JwsHeader header = ((requested != null) ? JwsHeader.from(requested) : JwsHeader.with(algorithm))
			.keyId(signer.getKeyID())
			.build();
		JwtClaimsSet claims = parameters.getClaims();
		String token = signDirectly(header, claims, signer, ours);
		if (token == null) {
			NimbusJwtEncoder encoder = this.encodersByKid.computeIfAbsent(signer.getKeyID(),
					kid -> new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signer))));
			return encoder.encode(JwtEncoderParameters.from(header, claims));
		}
		return new Jwt(token, claims.getIssuedAt(), claims.getExpiresAt(), header.getHeaders(), claims.getClaims());
	}

	/** The token through the key's {@link KeySigner}, or null when the general path must make it. */
	private String signDirectly(JwsHeader header, JwtClaimsSet claims, JWK signer, SigningAlgorithm algorithm) {
		if (!DIRECT_HEADERS.containsAll(header.getHeaders().keySet())) {
			return null;
		}
		String type = header.getType();
		if (type != null && !PLAIN_TYPE.matcher(type).matches()) {
			return null;
		}
		byte[] payload = JwtClaimsJson.write(claims.getClaims());
		if (payload == null) {
			return null;
		}
		return this.signersByKid.computeIfAbsent(signer.getKeyID(), kid -> KeySigner.of(signer, algorithm))
			.sign(type, payload);
	}

}
