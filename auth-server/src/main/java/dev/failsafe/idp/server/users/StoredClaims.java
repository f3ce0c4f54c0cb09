package dev.failsafe.idp.server.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect standard claims (OIDC Core 5.1) the directory stores, as its columns define
 * them ({@code db/migration/V2__users.sql}): the one place their names and sizes are written down.
 */
public final class StoredClaims {

	/** Text claims and the most characters each column holds, in column order. */
	static final Map<String, Integer> STRINGS = strings();

	/** Boolean claims. */
	static final List<String> BOOLEANS = List.of("email_verified", "phone_number_verified");

	private StoredClaims() {
	}

	/** Whether {@code claim} is one the directory stores. */
	public static boolean isStored(String claim) {
		return STRINGS.containsKey(claim) || BOOLEANS.contains(claim);
	}

	/**
	 * Why {@code value} cannot be stored as {@code claim}, or null if it can: a text claim takes a
	 * string up to its column's size, a boolean claim a boolean; null clears either.
	 */
	public static String problem(String claim, Object value) {
		if (!isStored(claim)) {
			return "not a stored claim: " + claim + " (stored: " + String.join(", ", STRINGS.keySet()) + ", "
					+ String.join(", ", BOOLEANS) + ")";
		}
		if (value == null) {
			return null;
		}
		if (BOOLEANS.contains(claim)) {
			return (value instanceof Boolean) ? null : claim + " must be true or false";
		}
		if (!(value instanceof String text)) {
			return claim + " must be a string";
		}
		int max = STRINGS.get(claim);
		return (text.length() <= max) ? null : claim + " must be at most " + max + " characters";
	}

	private static Map<String, Integer> strings() {
		Map<String, Integer> columns = new LinkedHashMap<>();
		columns.put("name", 200);
		columns.put("given_name", 100);
		columns.put("family_name", 100);
		columns.put("middle_name", 100);
		columns.put("nickname", 100);
		columns.put("preferred_username", 100);
		columns.put("profile", 500);
		columns.put("picture", 500);
		columns.put("website", 500);
		columns.put("gender", 50);
		columns.put("birthdate", 10);
		columns.put("zoneinfo", 50);
		columns.put("locale", 35);
		columns.put("email", 320);
		columns.put("phone_number", 50);
		return java.util.Collections.unmodifiableMap(columns);
	}

}
