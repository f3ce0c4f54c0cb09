package dev.failsafe.idp.server.backchannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.replication.backchannel.LogoutDelivery;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Makes the logout token of a delivery (OpenID Connect Back-Channel Logout 1.0 section 2.4), signed
 * like the client's ID tokens: its algorithm, the ring's current key for it. Header
 * {@code typ: logout+jwt} (section 2.4 and 4.1, so it cannot pass for an ID or access token); claims
 * {@code iss}, {@code aud} (the client), {@code iat}, {@code exp} ({@code iat} plus
 * {@code idp.backchannel-logout.token-ttl}), {@code jti} (the delivery's, the same at every attempt),
 * {@code events} with the back-channel logout event, {@code sub} and {@code sid}; never a
 * {@code nonce}. Made fresh at each attempt, so {@code iat} is the attempt's time and the key the
 * current one.
 *
 * @param encoder signs with the ring's current key
 * @param issuer the {@code iss}
 * @param lifetime from {@code iat} to {@code exp}
 * @param clock tells {@code iat}
 */
record LogoutTokens(JwtEncoder encoder, String issuer, Duration lifetime, Clock clock) {

	/** The logout token's media type (section 2.4). */
	static final String TYPE = "logout+jwt";

	/** The member of {@code events} that makes a JWT a logout token. */
	static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

	/** The signed token telling {@code client} about {@code delivery}. */
	String tokenFor(LogoutDelivery delivery, RegisteredClient client) {
		SignatureAlgorithm algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
		JwsHeader header = JwsHeader
			.with((algorithm != null) ? algorithm : SignatureAlgorithm.from(SigningAlgorithm.DEFAULT.name()))
			.type(TYPE)
			.build();
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			// A list the JSON encoder writes as an array, as relying parties' libraries all accept.
			.audience(new ArrayList<>(List.of(client.getClientId())))
			.issuedAt(now)
			.expiresAt(now.plus(this.lifetime))
			.id(delivery.tokenId())
			.subject(delivery.subject())
			.claim("events", Map.of(LOGOUT_EVENT, Map.of()));
		if (!delivery.sessionId().isEmpty()) {
			claims.claim("sid", delivery.sessionId());
		}
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

}
