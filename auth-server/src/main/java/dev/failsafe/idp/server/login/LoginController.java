package dev.failsafe.idp.server.login;

import dev.failsafe.idp.server.authorize.AuthorizationParameters;
import dev.failsafe.idp.server.authorize.PendingAuthorizations;
import dev.failsafe.idp.server.clients.ClientNames;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Serves the login page; Spring Security's form login handles the POST. A throttled attempt is
 * forwarded to {@value LoginPage#THROTTLED_PATH}: the login page again, with 429 Too Many Requests,
 * {@code Retry-After} and how long to wait. With an authorization request pending, the page names
 * its client and fills in its {@code login_hint} (OIDC Core section 3.1.2.1).
 *
 * <p>The page is also rendered in answer to the authorization request itself (forwarded here), so
 * what it shows comes from the model, never from the request's own parameters: an authorization
 * request's {@code error} parameter is not a failed sign-in.
 */
@Controller
final class LoginController {

	/** The request attribute holding the wait in seconds. */
	static final String RETRY_AFTER_ATTRIBUTE = LoginController.class.getName() + ".retryAfter";

	/** The outcomes of the previous attempt that the page reports, by query parameter of the login page. */
	private static final String[] OUTCOMES = { "error", "disabled", "unavailable" };

	/** A username's longest (the directory's column). */
	private static final int MAX_LOGIN_HINT_LENGTH = 100;

	private final ClientNames clientNames;

	private final PendingAuthorizations pending;

	LoginController(ClientNames clientNames, PendingAuthorizations pending) {
		this.clientNames = clientNames;
		this.pending = pending;
	}

	@GetMapping(LoginPage.PATH)
	String login(HttpServletRequest request, Model model) {
		if (request.getDispatcherType() == DispatcherType.REQUEST) {
			for (String outcome : OUTCOMES) {
				if (request.getParameter(outcome) != null) {
					model.addAttribute("outcome", outcome);
				}
			}
		}
		addPendingRequest(request, model);
		return "login";
	}

	@RequestMapping(path = LoginPage.THROTTLED_PATH, method = { RequestMethod.GET, RequestMethod.POST })
	String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!(request.getAttribute(RETRY_AFTER_ATTRIBUTE) instanceof Long seconds)) {
			// Only reached by a forward from a throttled attempt.
			return "redirect:" + LoginPage.PATH;
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		model.addAttribute("throttled", true);
		model.addAttribute("waitMinutes", Math.max(1, (seconds + 59) / 60));
		addPendingRequest(request, model);
		return "login";
	}

	private void addPendingRequest(HttpServletRequest request, Model model) {
		this.pending.find(request).ifPresent(parameters -> {
			this.clientNames.nameOf(parameters.single(OAuth2ParameterNames.CLIENT_ID))
				.ifPresent(name -> model.addAttribute("clientName", name));
			String loginHint = parameters.single(AuthorizationParameters.LOGIN_HINT);
			if (loginHint != null && loginHint.length() <= MAX_LOGIN_HINT_LENGTH) {
				model.addAttribute("loginHint", loginHint);
			}
			model.addAttribute("display", "popup".equals(parameters.single(AuthorizationParameters.DISPLAY))
					? "popup" : "page");
		});
	}

}
