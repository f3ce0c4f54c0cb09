package dev.failsafe.idp.server.sessions;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The OpenID Connect session id ({@code sid}) of a browser's sign-in at the provider: 256 random bits
 * (base64url), made at the browser session's first sign-in and kept in the session
 * ({@value #ATTRIBUTE}), so it survives the session id change at every sign-in and names one browser
 * session for its whole life.
 *
 * <p>It travels with the user's authentication: the login form's details are built here
 * ({@link WebAuthenticationDetails} with the sid where Spring keeps the session id), and the
 * authorization server stores that authentication with every authorization it issues. So each
 * authorization knows the session it was issued in, the ID tokens issued from it carry that
 * {@code sid} (instead of Spring's guess, the most recently used of the user's sessions), and a
 * logout of one session finds exactly its authorizations. Shared vocabulary: imports no feature.
 */
public final class SessionIds implements AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> {

	/** The HTTP session attribute holding the sid. */
	public static final String ATTRIBUTE = SessionIds.class.getName();

	/** What this class makes: 32 bytes, base64url without padding. */
	private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** The details of a sign-in through this request: its address and its session's sid. */
	@Override
	public WebAuthenticationDetails buildDetails(HttpServletRequest request) {
		HttpSession session = request.getSession();
		String sid = of(session.getAttribute(ATTRIBUTE)).orElseGet(() -> {
			String created = newSid();
			session.setAttribute(ATTRIBUTE, created);
			return created;
		});
		return new WebAuthenticationDetails(request.getRemoteAddr(), sid);
	}

	/** The sid of the browser session {@code authentication} signed in through, if it has one. */
	public static Optional<String> of(Authentication authentication) {
		return (authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details)
				? of(details.getSessionId()) : Optional.empty();
	}

	/** {@code value} if it is a sid this class made. */
	public static Optional<String> of(Object value) {
		return (value instanceof String sid && SID.matcher(sid).matches()) ? Optional.of(sid) : Optional.empty();
	}

	static String newSid() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
