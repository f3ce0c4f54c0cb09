package dev.failsafe.idp.samples.shop.login;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The shop's sign-in page and its "Log in with Failsafe ID" button, which checks that the provider
 * answers before sending the shopper there; if it does not, a clear 503 page says so.
 */
@Controller
final class LoginController {

	private final ProviderCheck provider;

	LoginController(ProviderCheck provider) {
		this.provider = provider;
	}

	@GetMapping("/login")
	String login(@RequestParam(name = "error", required = false) String error, Model model) {
		model.addAttribute("failed", error != null);
		return "login";
	}

	@GetMapping("/login/start")
	String start(HttpServletResponse response) {
		if (!this.provider.answers()) {
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader("Retry-After", "60");
			return "provider-unavailable";
		}
		return "redirect:/oauth2/authorization/" + ProviderRegistration.REGISTRATION_ID;
	}

}
