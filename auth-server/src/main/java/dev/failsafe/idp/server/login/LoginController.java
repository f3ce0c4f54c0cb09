package dev.failsafe.idp.server.login;

import dev.failsafe.idp.server.web.ClientNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/** Serves the login page; Spring Security's form login handles the POST. */
@Controller
final class LoginController {

	private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

	private final ClientNames clientNames;

	LoginController(ClientNames clientNames) {
		this.clientNames = clientNames;
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, HttpServletResponse response, Model model) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		if (saved != null) {
			String[] clientId = saved.getParameterValues("client_id");
			if (clientId != null && clientId.length == 1) {
				this.clientNames.nameOf(clientId[0]).ifPresent(name -> model.addAttribute("clientName", name));
			}
		}
		return "login";
	}

}
