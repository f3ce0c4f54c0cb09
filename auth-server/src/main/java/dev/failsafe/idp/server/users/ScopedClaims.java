package dev.failsafe.idp.server.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * Which standard claims each scope releases (OIDC Core 5.4), and the individual claims a
 * {@link ClaimsRequest} adds (5.5); the one place this rule lives.
 */
public final class ScopedClaims {

	private static final Map<String, List<String>> CLAIMS_BY_SCOPE = Map.of(OidcScopes.PROFILE,
			List.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile",
					"picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"),
			OidcScopes.EMAIL, List.of("email", "email_verified"), OidcScopes.ADDRESS, List.of(StoredClaims.ADDRESS),
			OidcScopes.PHONE, List.of("phone_number", "phone_number_verified"));

	/** Every claim a scope or a claims request can release, {@code sub} first: discovery's {@code claims_supported}. */
	public static final List<String> SUPPORTED = Stream
		.concat(Stream.of("sub"), CLAIMS_BY_SCOPE.values().stream().flatMap(List::stream).sorted())
		.toList();

	private ScopedClaims() {
	}

	/** The user's claims that {@code scopes} release, {@code sub} included. */
	public static Map<String, Object> of(UserAccount user, Set<String> scopes) {
		return of(user, scopes, Set.of());
	}

	/**
	 * The user's claims that {@code scopes} release plus those {@code requested} individually (a
	 * claims request's members; only standard claims the user has), {@code sub} included.
	 */
	public static Map<String, Object> of(UserAccount user, Set<String> scopes, Set<String> requested) {
		Map<String, Object> released = new LinkedHashMap<>();
		released.put("sub", user.username());
		for (String scope : scopes) {
			for (String claim : CLAIMS_BY_SCOPE.getOrDefault(scope, List.of())) {
				release(user, claim, released);
			}
		}
		for (String claim : requested) {
			if (SUPPORTED.contains(claim)) {
				release(user, claim, released);
			}
		}
		return released;
	}

	private static void release(UserAccount user, String claim, Map<String, Object> released) {
		Object value = user.claims().get(claim);
		if (value instanceof Map<?, ?> members) {
			// A LinkedHashMap: the stored authorization's JSON codec accepts only allow-listed types.
			released.put(claim, new LinkedHashMap<>(members));
		}
		else if (value != null) {
			released.put(claim, value);
		}
	}

}
