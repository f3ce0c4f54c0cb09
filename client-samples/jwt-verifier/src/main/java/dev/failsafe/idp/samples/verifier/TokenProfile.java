package dev.failsafe.idp.samples.verifier;

import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

/** What distinguishes the provider's two kinds of JWT: the header's {@code typ} and required claims. */
enum TokenProfile implements JOSEObjectTypeVerifier<SecurityContext> {

	/** RFC 9068: {@code typ: at+jwt}; {@code client_id} and {@code jti} required. */
	ACCESS(Set.of("at+jwt"), false, Set.of("sub", "client_id", "jti")),

	/** OpenID Connect: {@code typ: JWT} or none; {@code sub} required. */
	ID(Set.of("jwt"), true, Set.of("sub"));

	private final Set<String> types;

	private final boolean typeOptional;

	private final Set<String> requiredClaims;

	TokenProfile(Set<String> types, boolean typeOptional, Set<String> requiredClaims) {
		this.types = types;
		this.typeOptional = typeOptional;
		this.requiredClaims = requiredClaims;
	}

	Set<String> requiredClaims() {
		return this.requiredClaims;
	}

	@Override
	public void verify(JOSEObjectType type, SecurityContext context) throws RuleViolation {
		if (type == null) {
			if (!this.typeOptional) {
				throw new RuleViolation(Rejection.WRONG_TYPE);
			}
			return;
		}
		// RFC 7515 section 4.1.9: "application/" may be omitted, and media types ignore case.
		String value = type.getType().toLowerCase(Locale.ROOT);
		String shortForm = value.startsWith("application/") ? value.substring("application/".length()) : value;
		if (!this.types.contains(shortForm)) {
			throw new RuleViolation(Rejection.WRONG_TYPE);
		}
	}

}
