package dev.failsafe.idp.server.protocol;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers failed requests to our own protected resource, the UserInfo endpoint, as RFC 6750
 * section 3 asks: 401 {@code invalid_token}, 403 {@code insufficient_scope} or 400
 * {@code invalid_request}, each with a {@code WWW-Authenticate: Bearer} challenge naming the error
 * and the same error as JSON; a request without a token gets the bare challenge (no error code).
 *
 * <p>Why not Spring's defaults: the token decoder's own message (which library check failed) went
 * out as {@code error_description}, the 403 carried no challenge, and the challenge pointed at a
 * resource-metadata URL we do not serve. Descriptions here come from {@link ProtocolErrors} only.
 */
public final class BearerErrorResponder implements AuthenticationEntryPoint, AuthenticationFailureHandler {

	/** The scope the only protected resource (UserInfo) requires, named in insufficient_scope. */
	private static final String USERINFO_SCOPE = OidcScopes.OPENID;

	private final ProtocolErrorResponder json;

	private final String realm;

	public BearerErrorResponder(ProtocolErrorResponder json, String realm) {
		this.json = json;
		this.realm = realm;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof OAuth2AuthenticationException oauth2) {
			write(request, response, publicError(oauth2.getError()));
			return;
		}
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + this.realm + "\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		commence(request, response, exception);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(error));
		this.json.write(request, response, error, statusOf(error));
	}

	private String challenge(OAuth2Error error) {
		StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(this.realm)
			.append("\", error=\"")
			.append(error.getErrorCode())
			.append("\", error_description=\"")
			.append(error.getDescription())
			.append("\", error_uri=\"")
			.append(error.getUri())
			.append('"');
		if (OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(error.getErrorCode())) {
			challenge.append(", scope=\"").append(USERINFO_SCOPE).append('"');
		}
		return challenge.toString();
	}

	/** Our error for whatever Spring raised, so no decoder or library text reaches the client. */
	private static OAuth2Error publicError(OAuth2Error error) {
		return switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> ProtocolErrors.userInfoRequiresOpenidScope();
			case OAuth2ErrorCodes.INVALID_REQUEST -> ProtocolErrors.malformedBearerRequest();
			default -> ProtocolErrors.invalidAccessToken();
		};
	}

	private static HttpStatus statusOf(OAuth2Error error) {
		return switch (error.getErrorCode()) {
			case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
			case OAuth2ErrorCodes.INVALID_REQUEST -> HttpStatus.BAD_REQUEST;
			default -> HttpStatus.UNAUTHORIZED;
		};
	}

}
