package dev.failsafe.idp.server.login;

import dev.failsafe.idp.server.clients.ClientNames;
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
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * Serves the login page; Spring Security's form login handles the POST. A throttled attempt is
 * forwarded to {@value LoginPage#THROTTLED_PATH}: the login page again, with 429 Too Many Requests,
 * {@code Retry-After} and how long to wait.
 */
@Controller
final class LoginController {

	/** The request attribute holding the wait in seconds. */
	static final String RETRY_AFTER_ATTRIBUTE = LoginController.class.getName() + ".retryAfter";

	private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

	private final ClientNames clientNames;

	LoginController(ClientNames clientNames) {
		this.clientNames = clientNames;
	}

	@GetMapping(LoginPage.PATH)
	String login(HttpServletRequest request, HttpServletResponse response, Model model) {
		addClientName(request, response, model);
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
		addClientName(request, response, model);
		return "login";
	}

	private void addClientName(HttpServletRequest request, HttpServletResponse response, Model model) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		if (saved != null) {
			String[] clientId = saved.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (clientId != null && clientId.length == 1) {
				this.clientNames.nameOf(clientId[0]).ifPresent(name -> model.addAttribute("clientName", name));
			}
		}
	}

}
