package dev.failsafe.idp.server.frontchannel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Answers errors of the authorization endpoint (and of the consent it receives).
 *
 * <ul>
 * <li>An error about a request whose client and redirect URI were validated goes back to the
 * client: redirect with {@code error} and {@code state} (RFC 6749 section 4.1.2.1), as Spring
 * does.</li>
 * <li>A store that could not confirm a write (any other {@code temporarily_unavailable}, which
 * Spring's own handler cannot render) gets the error page with 503, so the user retries.</li>
 * <li>Anything else: the error page with 400, never a redirect to an untrusted URI.</li>
 * </ul>
 */
final class AuthorizationEndpointErrorHandler implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		OAuth2AuthorizationCodeRequestAuthenticationToken validated = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest)
				? codeRequest.getAuthorizationCodeRequestAuthentication() : null;
		if (validated != null && StringUtils.hasText(validated.getRedirectUri())) {
			response.sendRedirect(redirectWithError(validated, error));
			return;
		}
		HttpStatus status = OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE.equals(error.getErrorCode())
				? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
		response.sendError(status.value(), error.toString());
	}

	private static String redirectWithError(OAuth2AuthorizationCodeRequestAuthenticationToken request,
			OAuth2Error error) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(request.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		if (StringUtils.hasText(error.getDescription())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
					UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
		}
		if (StringUtils.hasText(error.getUri())) {
			uri.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
		}
		if (StringUtils.hasText(request.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(request.getState(), StandardCharsets.UTF_8));
		}
		return uri.build(true).toUriString();
	}

}
