package dev.failsafe.idp.server.clients;

/** A client registration that would be unsafe or meaningless; the message says what to fix. */
public final class InvalidClientRegistrationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidClientRegistrationException(String message) {
		super(message);
	}

}
