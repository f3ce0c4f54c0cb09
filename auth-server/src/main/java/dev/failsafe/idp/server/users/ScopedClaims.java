package dev.failsafe.idp.server.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;

/** Which standard claims each scope releases (OIDC Core 5.4); the one place this rule lives. */
public final class ScopedClaims {

	private static final Map<String, List<String>> CLAIMS_BY_SCOPE = Map.of(OidcScopes.PROFILE,
			List.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile",
					"picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"),
			OidcScopes.EMAIL, List.of("email", "email_verified"), OidcScopes.PHONE,
			List.of("phone_number", "phone_number_verified"));

	private ScopedClaims() {
	}

	/** The user's claims that {@code scopes} release, {@code sub} included. */
	public static Map<String, Object> of(UserAccount user, Set<String> scopes) {
		Map<String, Object> released = new LinkedHashMap<>();
		released.put("sub", user.username());
		for (String scope : scopes) {
			for (String claim : CLAIMS_BY_SCOPE.getOrDefault(scope, List.of())) {
				Object value = user.claims().get(claim);
				if (value != null) {
					released.put(claim, value);
				}
			}
		}
		return released;
	}

}
