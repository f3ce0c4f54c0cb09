package dev.failsafe.idp.samples.shop.profile;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page and the shopper's profile, from the ID token and userinfo the login brought: the
 * shop's own session, which needs nothing from the provider afterwards.
 */
@Controller
final class ProfileController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("user", user);
		return "home";
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("user", user);
		return "profile";
	}

}
