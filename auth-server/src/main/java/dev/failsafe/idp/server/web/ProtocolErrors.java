package dev.failsafe.idp.server.web;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Every protocol error this provider raises itself, built in one place: standard code, a
 * description a developer can act on, a link to the section that defines it.
 */
public final class ProtocolErrors {

	private static final String RFC6749_TOKEN_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

	private static final String RFC6749_AUTHORIZATION_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private ProtocolErrors() {
	}

	/** Two requests raced to use one code or refresh token; this one lost. */
	public static OAuth2Error grantUsedConcurrently() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The grant was used by a concurrent request.",
				RFC6749_TOKEN_ERRORS);
	}

	/** A refresh token that was already rotated was presented again; its whole family is revoked. */
	public static OAuth2Error refreshTokenReused() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
				"The refresh token was already used; every token issued from it is revoked.", RFC6749_TOKEN_ERRORS);
	}

	/** The store could not confirm a write; nothing was issued and the client may retry. */
	public static OAuth2Error temporarilyUnavailable() {
		return new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
				"The provider could not durably record this request. Try again shortly.",
				RFC6749_AUTHORIZATION_ERRORS);
	}

	/** The request used an HTTP method the endpoint does not accept. */
	public static OAuth2Error methodNotAllowed(String method) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "HTTP method " + method + " is not allowed here.",
				RFC6749_TOKEN_ERRORS);
	}

	/** The request body was not application/x-www-form-urlencoded. */
	public static OAuth2Error unsupportedContentType() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"The request body must be application/x-www-form-urlencoded.", RFC6749_TOKEN_ERRORS);
	}

	/** A request exceeded the size this endpoint accepts. */
	public static OAuth2Error requestTooLarge() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The request is too large.", RFC6749_TOKEN_ERRORS);
	}

	public static OAuth2AuthenticationException asException(OAuth2Error error) {
		return new OAuth2AuthenticationException(error);
	}

}
