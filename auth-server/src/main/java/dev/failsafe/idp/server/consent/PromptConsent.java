package dev.failsafe.idp.server.consent;

import java.util.Set;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the user is asked to consent: Spring's rule (the client requires consent, something beyond
 * {@code openid} is asked for, and the user has not already granted all of it), and also whenever
 * the request says {@code prompt=consent} (OIDC Core section 3.1.2.1) and asks for something beyond
 * {@code openid}, even if it was granted before. ({@code prompt=none} never reaches a page: the
 * authorization server answers {@code consent_required}.)
 */
public final class PromptConsent implements Predicate<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String PROMPT = "prompt";

	private static final String CONSENT = "consent";

	@Override
	public boolean test(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
		Set<String> scopes = request.getScopes();
		if (scopes.isEmpty() || (scopes.size() == 1 && scopes.contains(OidcScopes.OPENID))) {
			return false;
		}
		Object prompt = request.getAdditionalParameters().get(PROMPT);
		if (prompt instanceof String text && Set.of(text.split(" ")).contains(CONSENT)) {
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		OAuth2AuthorizationConsent granted = context.getAuthorizationConsent();
		return granted == null || !granted.getScopes().containsAll(scopes);
	}

}
