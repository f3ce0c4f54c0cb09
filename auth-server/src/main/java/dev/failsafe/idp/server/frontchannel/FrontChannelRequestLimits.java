package dev.failsafe.idp.server.frontchannel;

import java.nio.charset.StandardCharsets;

import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses authorization and logout requests too large to answer, before anything is stored or
 * saved for after the login page. Placed first among the endpoint's request converters; answers
 * nothing (null) for a request within the limits ({@link FrontChannelProperties}).
 *
 * <ul>
 * <li>{@code state} longer, once percent-encoded, than {@code idp.front-channel.max-state-size}: it
 * is echoed in the {@code Location} header of the redirect back to the client, which must fit the
 * container's response header limit (beyond it the redirect became an empty 500).</li>
 * <li>Parameters longer than {@code idp.front-channel.max-request-size} in all (query and form):
 * the request is kept in the session across the login page.</li>
 * </ul>
 * Either is answered with the error page naming the limit, never a redirect: the request cannot be
 * echoed back.
 */
public final class FrontChannelRequestLimits implements AuthenticationConverter {

	private final long maxRequestSize;

	private final long maxStateSize;

	public FrontChannelRequestLimits(FrontChannelProperties limits) {
		this.maxRequestSize = limits.maxRequestSize().toBytes();
		this.maxStateSize = limits.maxStateSize().toBytes();
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		long length = (request.getQueryString() != null) ? request.getQueryString().length() : 0;
		length += Math.max(request.getContentLengthLong(), 0);
		if (length > this.maxRequestSize) {
			throw refused(ProtocolErrors.frontChannelRequestTooLarge(this.maxRequestSize));
		}
		String[] states = request.getParameterValues(OAuth2ParameterNames.STATE);
		if (states != null) {
			for (String state : states) {
				if (state.length() > this.maxStateSize
						|| UriUtils.encode(state, StandardCharsets.UTF_8).length() > this.maxStateSize) {
					throw refused(ProtocolErrors.stateTooLong(this.maxStateSize));
				}
			}
		}
		return null;
	}

	/**
	 * The authorization endpoint's error handler needs this subtype; without a request attached it
	 * shows the error page. The logout endpoint's handler takes any OAuth2AuthenticationException.
	 */
	private static OAuth2AuthorizationCodeRequestAuthenticationException refused(OAuth2Error error) {
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
	}

}
