package dev.failsafe.idp.samples.verifier;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims a signed token must carry: exactly our issuer, our audience among {@code aud},
 * {@code exp} not passed and {@code nbf}/{@code iat} not ahead (each with the clock skew), and the
 * profile's required claims. Each failure names its {@link Rejection}.
 */
final class ClaimRules implements JWTClaimsSetVerifier<SecurityContext> {

	private static final List<String> ALWAYS_REQUIRED = List.of("iss", "aud", "exp", "iat");

	private final String issuer;

	private final String audience;

	private final List<String> required;

	private final long skewMillis;

	private final Clock clock;

	ClaimRules(String issuer, String audience, TokenProfile profile, Duration skew, Clock clock) {
		this.issuer = issuer;
		this.audience = audience;
		this.required = java.util.stream.Stream.concat(ALWAYS_REQUIRED.stream(), profile.requiredClaims().stream())
			.toList();
		this.skewMillis = skew.toMillis();
		this.clock = clock;
	}

	@Override
	public void verify(JWTClaimsSet claims, SecurityContext context) throws RuleViolation {
		for (String name : this.required) {
			if (claims.getClaim(name) == null) {
				throw new RuleViolation(Rejection.MISSING_CLAIM);
			}
		}
		try {
			if (!this.issuer.equals(claims.getStringClaim("iss"))) {
				throw new RuleViolation(Rejection.WRONG_ISSUER);
			}
			if (!claims.getStringListClaim("aud").contains(this.audience)) {
				throw new RuleViolation(Rejection.WRONG_AUDIENCE);
			}
			long now = this.clock.millis();
			if (now >= millis(claims.getDateClaim("exp")) + this.skewMillis) {
				throw new RuleViolation(Rejection.EXPIRED);
			}
			Date notBefore = claims.getDateClaim("nbf");
			if ((notBefore != null && millis(notBefore) > now + this.skewMillis)
					|| millis(claims.getDateClaim("iat")) > now + this.skewMillis) {
				throw new RuleViolation(Rejection.NOT_YET_VALID);
			}
		}
		catch (ParseException ex) {
			// A claim of the wrong JSON type (an issuer that is a number, a text exp).
			throw new RuleViolation(Rejection.MALFORMED);
		}
	}

	private static long millis(Date date) throws RuleViolation {
		if (date == null) {
			throw new RuleViolation(Rejection.MISSING_CLAIM);
		}
		return date.getTime();
	}

}
