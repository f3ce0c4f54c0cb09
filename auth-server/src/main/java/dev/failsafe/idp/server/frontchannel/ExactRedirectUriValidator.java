package dev.failsafe.idp.server.frontchannel;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.server.clients.ApplicationType;
import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Accepts an authorization request's {@code redirect_uri} only if it is, character for character,
 * one the client registered (RFC 9700 section 4.1.3). The one relaxation is RFC 8252 section 7.3,
 * for native apps only (application type {@code native}): a loopback IP-literal redirect URI may
 * name any port. A browser SPA or any other web client, public or not, matches exactly: another
 * port on the user's machine may be another program. A mismatch is answered with the error page,
 * never a redirect.
 *
 * <p>Spring's default compares loopback URIs after parsing and normalising them, so
 * {@code HTTP://}, a doubled slash or an empty query matched, and lets every client change the
 * port. A request without {@code redirect_uri} is still judged by Spring's default.
 */
final class ExactRedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	/** A loopback IP-literal http URI: host in group 1, the rest after the optional port in group 2. */
	private static final Pattern LOOPBACK = Pattern
		.compile("http://(127(?:\\.[0-9]{1,3}){3}|\\[::1\\])(?::[0-9]{1,5})?([/?].*)?", Pattern.DOTALL);

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String requested = request.getRedirectUri();
		if (!StringUtils.hasText(requested)) {
			OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
			return;
		}
		if (!isRegistered(requested, context.getRegisteredClient())) {
			OAuth2AuthorizationCodeRequestAuthenticationToken noRedirect = new OAuth2AuthorizationCodeRequestAuthenticationToken(
					request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
					null, request.getState(), request.getScopes(), request.getAdditionalParameters());
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(ProtocolErrors.redirectUriMismatch(),
					noRedirect);
		}
	}

	/** Whether {@code requested} may receive this client's authorization responses. */
	static boolean isRegistered(String requested, RegisteredClient client) {
		if (client.getRedirectUris().contains(requested)) {
			return true;
		}
		if (ApplicationType.of(client) != ApplicationType.NATIVE) {
			return false;
		}
		String portless = withoutLoopbackPort(requested);
		return portless != null && client.getRedirectUris()
			.stream()
			.map(ExactRedirectUriValidator::withoutLoopbackPort)
			.anyMatch(portless::equals);
	}

	private static String withoutLoopbackPort(String uri) {
		Matcher matcher = LOOPBACK.matcher(uri);
		return matcher.matches() ? "http://" + matcher.group(1) + Objects.toString(matcher.group(2), "") : null;
	}

}
