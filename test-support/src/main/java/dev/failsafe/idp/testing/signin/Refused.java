package dev.failsafe.idp.testing.signin;

/**
 * The provider answered something other than what a successful step needs: the status it answered
 * and what was expected. {@link #isDefinitive()} tells "this code or token is no good" (400, 401)
 * from "try again" (a 503, an error page).
 */
public final class Refused extends RuntimeException {

	private final int status;

	public Refused(int status, String message) {
		super(status + " " + message);
		this.status = status;
	}

	public int status() {
		return this.status;
	}

	/** A refusal that says "this token or code is no good" rather than "try again". */
	public boolean isDefinitive() {
		return this.status == 400 || this.status == 401;
	}

}
