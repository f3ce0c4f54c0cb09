package dev.failsafe.idp.server.clients;

/**
 * A client registration that would be unsafe or meaningless; the message says what to fix and
 * {@link #field()} names the request member at fault ({@code redirectUris[1]}).
 */
public final class InvalidClientRegistrationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public InvalidClientRegistrationException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The request member at fault: a field name, with the index of a list element. */
	public String field() {
		return this.field;
	}

}
