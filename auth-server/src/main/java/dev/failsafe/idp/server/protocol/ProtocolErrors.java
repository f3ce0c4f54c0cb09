package dev.failsafe.idp.server.protocol;

import java.util.regex.Pattern;

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

	private static final String RFC6749_REQUEST_PARAMETERS = "https://datatracker.ietf.org/doc/html/rfc6749#section-3.2";

	/** A parameter name safe to repeat back to the client; anything else is not echoed. */
	private static final Pattern PLAIN_PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final String RFC6749_CLIENT_AUTHENTICATION = "https://datatracker.ietf.org/doc/html/rfc6749#section-2.3";

	private static final String RFC6750_BEARER_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1";

	private static final String OIDC_USERINFO_ERRORS = "https://openid.net/specs/openid-connect-core-1_0.html#UserInfoError";

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

	/** The form body could not be read: badly encoded, or too many parameters. */
	public static OAuth2Error unreadableForm() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"The request body is not a readable form (bad encoding or too many parameters).",
				RFC6749_TOKEN_ERRORS);
	}

	/** A form parameter was sent more than once (RFC 6749 section 3.2 forbids it). */
	public static OAuth2Error repeatedParameter(String name) {
		String named = PLAIN_PARAMETER_NAME.matcher(name).matches() ? name : "(not shown)";
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: " + named + " is repeated; parameters must not be included more than once.",
				RFC6749_REQUEST_PARAMETERS);
	}

	/** A back-channel request that does not say which client sends it, or a malformed one. */
	public static OAuth2Error invalidRequest() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The request is malformed.", RFC6749_TOKEN_ERRORS);
	}

	/** Client authentication failed or was missing; says nothing about which client or why. */
	public static OAuth2Error clientAuthenticationFailed() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null);
	}

	/** The client authenticated both in the Authorization header and in the body. */
	public static OAuth2Error multipleClientAuthentications() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"Use exactly one client authentication method: the Authorization header or the client_secret "
						+ "or client_assertion parameter, not both.",
				RFC6749_CLIENT_AUTHENTICATION);
	}

	/** The redirect_uri is not, character for character, one the client registered. */
	public static OAuth2Error redirectUriMismatch() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: redirect_uri does not exactly match a registered redirect URI.",
				RFC6749_AUTHORIZATION_ERRORS);
	}

	/** The state is longer than we can echo back in a redirect. */
	public static OAuth2Error stateTooLong(int maxLength) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: state is longer than " + maxLength + " characters.",
				RFC6749_AUTHORIZATION_ERRORS);
	}

	/** A front-channel request longer than we can carry across the login page and back. */
	public static OAuth2Error frontChannelRequestTooLarge(int maxLength) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"The request parameters are longer than " + maxLength + " characters.", RFC6749_AUTHORIZATION_ERRORS);
	}

	/** A bearer token that is malformed, forged, expired or revoked; why is not disclosed. */
	public static OAuth2Error invalidAccessToken() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token is invalid, expired or revoked.",
				RFC6750_BEARER_ERRORS);
	}

	/** A bearer request that is malformed, for example with more than one access token. */
	public static OAuth2Error malformedBearerRequest() {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"Send exactly one access token, in the Authorization header.", RFC6750_BEARER_ERRORS);
	}

	/** An access token without the openid scope was presented to the UserInfo endpoint. */
	public static OAuth2Error userInfoRequiresOpenidScope() {
		return new OAuth2Error(OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
				"The UserInfo endpoint requires an access token with the openid scope.", OIDC_USERINFO_ERRORS);
	}

	public static OAuth2AuthenticationException asException(OAuth2Error error) {
		return new OAuth2AuthenticationException(error);
	}

}
