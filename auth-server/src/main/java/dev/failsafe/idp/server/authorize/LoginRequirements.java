package dev.failsafe.idp.server.authorize;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.failsafe.idp.server.sessions.SignInTime;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides, for a validated OpenID Connect authorization request, whether the user must sign in now
 * (OIDC Core section 3.1.2.1), before the authorization server looks at the request:
 *
 * <ul>
 * <li>{@code prompt=none}: never shows a page. Nobody signed in, a signed-in user other than the one
 * {@code id_token_hint} names, or a sign-in older than {@code max_age}: {@code login_required},
 * redirected to the client with its {@code state}.</li>
 * <li>{@code prompt=login}, {@code prompt=select_account} (the login page is where a user picks the
 * account), {@code max_age} exceeded ({@code 0} always), or a signed-in user other than the hint's:
 * the login page, even over a live session; the request resumes once the user signs in.</li>
 * <li>After that fresh sign-in, a hint naming someone else than who signed in is
 * {@code login_required}.</li>
 * </ul>
 * A malformed {@code max_age} or a hint that is not our ID token for this client is
 * {@code invalid_request}. Nobody signed in and no {@code prompt=none}: the authorization server's
 * entry point shows the login page as usual. Runs after Spring's validation of the request (so the
 * redirect URI can be trusted) and before its access decision.
 */
public final class LoginRequirements extends OncePerRequestFilter {

	private final PendingAuthorizations pending;

	private final AuthenticationEntryPoint loginPage;

	private final AuthenticationFailureHandler errors;

	private final IdTokenHints hints;

	private final Clock clock;

	public LoginRequirements(PendingAuthorizations pending, AuthenticationEntryPoint loginPage,
			AuthenticationFailureHandler errors, IdTokenHints hints, Clock clock) {
		this.pending = pending;
		this.loginPage = loginPage;
		this.errors = errors;
		this.hints = hints;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class
			.getName()) instanceof OAuth2AuthorizationCodeRequestAuthenticationToken validated)
				|| !validated.getScopes().contains(OidcScopes.OPENID)) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> parameters = validated.getAdditionalParameters();
		Set<String> prompt;
		Duration maxAge;
		Optional<String> hinted;
		try {
			prompt = AuthorizationParameters.parse(null)
				.with(AuthorizationParameters.PROMPT, text(AuthorizationParameters.PROMPT, parameters))
				.words(AuthorizationParameters.PROMPT);
			maxAge = maxAge(text(AuthorizationParameters.MAX_AGE, parameters));
			hinted = hintedSubject(text(AuthorizationParameters.ID_TOKEN_HINT, parameters), validated.getClientId());
		}
		catch (RefusedRequest refused) {
			fail(request, response, validated, refused.error);
			return;
		}
		Authentication user = signedIn();
		boolean otherUser = user != null && hinted.isPresent() && !hinted.get().equals(user.getName());
		if (prompt.contains(AuthorizationParameters.PROMPT_NONE)) {
			if (user == null || otherUser || tooOld(user, maxAge)) {
				fail(request, response, validated, ProtocolErrors.loginRequired(
						(user == null) ? "Nobody is signed in." : otherUser ? "Another user is signed in."
								: "The sign-in is older than max_age."));
				return;
			}
		}
		else if (user != null && PendingAuthorizations.isResumed(request)) {
			if (otherUser) {
				fail(request, response, validated,
						ProtocolErrors.loginRequired("The user who signed in is not the one id_token_hint names."));
				return;
			}
		}
		else if (user != null && (prompt.contains(AuthorizationParameters.PROMPT_LOGIN) || prompt.contains(AuthorizationParameters.PROMPT_SELECT_ACCOUNT)
				|| otherUser || tooOld(user, maxAge))) {
			this.pending.saveRequest(request, response);
			this.loginPage.commence(request, response, null);
			return;
		}
		chain.doFilter(request, response);
	}

	private void fail(HttpServletRequest request, HttpServletResponse response,
			OAuth2AuthorizationCodeRequestAuthenticationToken validated, OAuth2Error error)
			throws IOException, ServletException {
		this.errors.onAuthenticationFailure(request, response,
				new OAuth2AuthorizationCodeRequestAuthenticationException(error, validated));
	}

	private static Authentication signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) ? authentication : null;
	}

	/** Whether the user signed in longer ago than {@code maxAge} ({@code 0}: always). */
	private boolean tooOld(Authentication user, Duration maxAge) {
		if (maxAge == null) {
			return false;
		}
		Instant signedInAt = SignInTime.of(user);
		return maxAge.isZero() || signedInAt == null || this.clock.instant().isAfter(signedInAt.plus(maxAge));
	}

	private static Duration maxAge(String text) {
		if (text == null) {
			return null;
		}
		if (!text.matches("[0-9]{1,10}")) {
			throw new RefusedRequest(ProtocolErrors.invalidMaxAge());
		}
		return Duration.ofSeconds(Long.parseLong(text));
	}

	private Optional<String> hintedSubject(String hint, String clientId) {
		if (hint == null) {
			return Optional.empty();
		}
		return Optional.of(this.hints.subject(hint, clientId)
			.orElseThrow(() -> new RefusedRequest(ProtocolErrors.invalidIdTokenHint())));
	}

	/** A single-valued parameter's text (null when absent or empty); a repeated one is refused. */
	private static String text(String name, Map<String, Object> parameters) {
		Object value = parameters.get(name);
		if (value == null || value instanceof String text && text.isEmpty()) {
			return null;
		}
		if (value instanceof String text) {
			return text;
		}
		throw new RefusedRequest(ProtocolErrors.repeatedParameter(name));
	}

	private static final class RefusedRequest extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient OAuth2Error error;

		RefusedRequest(OAuth2Error error) {
			super(null, null, false, false);
			this.error = error;
		}

	}

}
