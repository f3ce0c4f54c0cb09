package dev.failsafe.idp.server.logout;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The logout confirmation page, its (CSRF-protected) form, and the signed-out page. Confirming ends
 * the session's side at the relying parties ({@link SessionLogout}: told and revoked, durably) and
 * then the session itself; only then is the user sent on. If the store cannot confirm either, the
 * user gets the "try again" page (503), never the redirect.
 */
@Controller
final class LogoutConfirmationController {

	static final String CONFIRM_PATH = "/logout/confirm";

	static final String DONE_PATH = "/logout/done";

	private final LogoutHandler logoutHandler;

	LogoutConfirmationController(SessionLogout sessionLogout) {
		this.logoutHandler = new CompositeLogoutHandler(sessionLogout, new SecurityContextLogoutHandler());
	}

	@GetMapping(CONFIRM_PATH)
	String confirm(HttpServletRequest request, Model model) {
		PendingLogout pending = pending(request);
		model.addAttribute("clientName", (pending != null) ? pending.clientName() : null);
		return "logout-confirm";
	}

	@PostMapping(CONFIRM_PATH)
	String logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		PendingLogout pending = pending(request);
		this.logoutHandler.logout(request, response, authentication);
		String target = (pending != null) ? pending.redirectTarget() : DONE_PATH;
		return "redirect:" + target;
	}

	@GetMapping(DONE_PATH)
	String done() {
		return "logged-out";
	}

	private static PendingLogout pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(PendingLogout.SESSION_ATTRIBUTE) instanceof PendingLogout p)
				? p : null;
	}

}
