package dev.failsafe.idp.replication.keyring;

/**
 * Sealed data could not be opened: it was altered, sealed under another key-encryption key, or
 * sealed for another context. The message names the context only, never any bytes.
 */
public final class SealedDataException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	SealedDataException(String context, String reason, Throwable cause) {
		super("Cannot open data sealed for '" + context + "': " + reason, cause);
	}

}
