package dev.failsafe.idp.replication;

/**
 * A write could not be confirmed as durable (not stored, or not acknowledged by the replicas it
 * must reach). Callers must not report success; the user is asked to try again.
 */
public class StoreUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public StoreUnavailableException(String message) {
		super(message);
	}

}
