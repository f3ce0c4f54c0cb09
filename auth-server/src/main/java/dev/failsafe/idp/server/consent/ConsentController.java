package dev.failsafe.idp.server.consent;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page the authorization endpoint sends users to. Its form posts back to the
 * authorization endpoint, which checks {@code state} against the pending authorization.
 */
@Controller
final class ConsentController {

	/** Where the authorization endpoint sends a user to consent. */
	static final String PATH = "/oauth2/consent";

	/** What each scope lets the client do, in the user's words. */
	private static final Map<String, String> SCOPE_DESCRIPTIONS = Map.of(OidcScopes.PROFILE,
			"See your name and basic profile", OidcScopes.EMAIL, "See your email address", OidcScopes.PHONE,
			"See your phone number", "offline_access", "Stay connected when you are away");

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping(PATH)
	String consent(Principal principal, Model model, @RequestParam(name = "client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope, @RequestParam(name = "state") String state) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown client");
		}
		OAuth2AuthorizationConsent existing = this.consents.findById(client.getId(), principal.getName());
		Set<String> alreadyGranted = (existing != null) ? existing.getScopes() : Set.of();
		Set<String> toApprove = new LinkedHashSet<>();
		Set<String> previouslyApproved = new LinkedHashSet<>();
		for (String requested : scope.split(" ")) {
			if (requested.isBlank() || OidcScopes.OPENID.equals(requested)) {
				continue;
			}
			(alreadyGranted.contains(requested) ? previouslyApproved : toApprove).add(requested);
		}
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("scopes", describe(toApprove));
		model.addAttribute("previouslyApprovedScopes", describe(previouslyApproved));
		model.addAttribute("principalName", principal.getName());
		return "consent";
	}

	private static List<ScopeDescription> describe(Set<String> scopes) {
		return scopes.stream()
			.map(scope -> new ScopeDescription(scope, SCOPE_DESCRIPTIONS.getOrDefault(scope, "Use \"" + scope + "\"")))
			.toList();
	}

	/** A scope and what it means, for the template. */
	record ScopeDescription(String scope, String description) {
	}

}
