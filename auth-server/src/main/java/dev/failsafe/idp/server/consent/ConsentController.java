package dev.failsafe.idp.server.consent;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
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
 * The consent page the authorization endpoint sends users to, and the device verification endpoint
 * (with the device's {@code user_code}). Its form posts back to the endpoint it came from, which
 * checks {@code state} against the pending authorization.
 */
@Controller
final class ConsentController {

	/** Where the authorization endpoint sends a user to consent. */
	static final String PATH = "/oauth2/consent";

	/** The scopes whose meaning the pages explain in the user's words ({@code consent.scope.<scope>}). */
	private static final Set<String> DESCRIBED_SCOPES = Set.of(OidcScopes.PROFILE, OidcScopes.EMAIL,
			OidcScopes.ADDRESS, OidcScopes.PHONE, "offline_access");

	private static final String AUTHORIZATION = "/oauth2/authorize";

	private static final String DEVICE_VERIFICATION = "/oauth2/device_verification";

	private static final int MAX_USER_CODE = 20;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping(PATH)
	String consent(Principal principal, Model model, @RequestParam(name = "client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope, @RequestParam(name = "state") String state,
			@RequestParam(name = "user_code", required = false) String userCode) {
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
		// A device's approval (RFC 8628) goes back to the device verification endpoint, with its code.
		boolean device = userCode != null && userCode.length() <= MAX_USER_CODE;
		model.addAttribute("userCode", device ? userCode : null);
		model.addAttribute("consentAction", device ? DEVICE_VERIFICATION : AUTHORIZATION);
		return "consent";
	}

	private static List<ScopeDescription> describe(Set<String> scopes) {
		return scopes.stream()
			.map(scope -> new ScopeDescription(scope,
					"consent.scope." + (DESCRIBED_SCOPES.contains(scope) ? scope : "other")))
			.toList();
	}

	/** A scope and the message that says what it means (its argument: the scope), for the template. */
	record ScopeDescription(String scope, String messageKey) {
	}

}
