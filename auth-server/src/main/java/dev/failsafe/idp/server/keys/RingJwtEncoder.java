package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs every JWT with the ring's current signer for the requested algorithm, naming it by kid.
 *
 * <p>Each key gets its own {@link NimbusJwtEncoder} over a one-key set, so key selection is never
 * ambiguous while several keys of one algorithm are published.
 */
public final class RingJwtEncoder implements JwtEncoder {

	private final ActiveKeys keys;

	private final Clock clock;

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
		JWK signer = SigningAlgorithm.named(algorithm.getName())
			.flatMap((ours) -> this.keys.signer(ours, this.clock.instant()))
			.orElseThrow(() -> new JwtEncodingException("No signing key is active for " + algorithm.getName()));
		JwsHeader.Builder header = (requested != null) ? JwsHeader.from(requested) : JwsHeader.with(algorithm);
		header.keyId(signer.getKeyID());
		NimbusJwtEncoder encoder = this.encodersByKid.computeIfAbsent(signer.getKeyID(),
				kid -> new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(signer))));
		return encoder.encode(JwtEncoderParameters.from(header.build(), parameters.getClaims()));
	}

}
