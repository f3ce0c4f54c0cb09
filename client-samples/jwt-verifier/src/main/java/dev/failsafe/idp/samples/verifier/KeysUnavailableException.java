package dev.failsafe.idp.samples.verifier;

/**
 * The token could not be checked: the provider's JWKS cannot be fetched and no last good JWKS is
 * recent enough. Not the token's fault; the caller may retry later (HTTP 503).
 */
public final class KeysUnavailableException extends Exception {

	KeysUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
