package dev.failsafe.idp.server.logout;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads an RP-initiated logout request (query or form): {@code id_token_hint}, {@code client_id},
 * {@code post_logout_redirect_uri} and {@code state}, each optional (section 2; a request with none,
 * or with only {@code state}, is a user asking to sign out), none repeated; an empty value counts as
 * absent, and other parameters ({@code ui_locales}, {@code logout_hint}) are ignored. Spring's own
 * converter refuses a request without {@code id_token_hint}.
 */
final class LogoutRequestConverter implements AuthenticationConverter {

	static final String ID_TOKEN_HINT = "id_token_hint";

	static final String CLIENT_ID = "client_id";

	static final String POST_LOGOUT_REDIRECT_URI = "post_logout_redirect_uri";

	static final String STATE = "state";

	private static final AnonymousAuthenticationToken ANONYMOUS = new AnonymousAuthenticationToken("anonymous",
			"anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		return LogoutRequest.received((user != null) ? user : ANONYMOUS, single(request, ID_TOKEN_HINT),
				single(request, CLIENT_ID), single(request, POST_LOGOUT_REDIRECT_URI), single(request, STATE));
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw LogoutErrors.repeated(name);
		}
		return values[0].isEmpty() ? null : values[0];
	}

}
