package dev.failsafe.idp.samples.verifier;

import com.nimbusds.jwt.proc.BadJWTException;

/**
 * Thrown by our checks inside Nimbus's processor, so that the verifier knows which rule failed
 * without reading exception messages.
 */
final class RuleViolation extends BadJWTException {

	private final Rejection reason;

	RuleViolation(Rejection reason) {
		super(reason.description());
		this.reason = reason;
	}

	Rejection reason() {
		return this.reason;
	}

}
