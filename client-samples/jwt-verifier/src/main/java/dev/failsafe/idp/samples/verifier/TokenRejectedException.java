package dev.failsafe.idp.samples.verifier;

/** The token is not acceptable; retrying with the same token cannot help. */
public final class TokenRejectedException extends Exception {

	private final Rejection reason;

	TokenRejectedException(Rejection reason) {
		super(reason.description(), null, false, false);
		this.reason = reason;
	}

	public Rejection reason() {
		return this.reason;
	}

}
