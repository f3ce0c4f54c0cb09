package dev.failsafe.idp.server.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect standard claims (OIDC Core 5.1) the directory stores, as its columns define
 * them ({@code db/migration/V2__users.sql}, {@code V5__address_claims_and_client_keys.sql}): the one place their
 * names and sizes are written down. {@value #ADDRESS} is a JSON object (section 5.1.1) whose members
 * are columns {@code address_<member>}.
 */
public final class StoredClaims {

	/** Text claims and the most characters each column holds, in column order. */
	static final Map<String, Integer> STRINGS = strings();

	/** Boolean claims. */
	static final List<String> BOOLEANS = List.of("email_verified", "phone_number_verified");

	/** The structured address claim. */
	public static final String ADDRESS = "address";

	/** The address claim's members and the most characters each column holds. */
	static final Map<String, Integer> ADDRESS_MEMBERS = addressMembers();

	private StoredClaims() {
	}

	/** Whether {@code claim} is one the directory stores. */
	public static boolean isStored(String claim) {
		return STRINGS.containsKey(claim) || BOOLEANS.contains(claim) || ADDRESS.equals(claim);
	}

	/** The column of an address member. */
	static String addressColumn(String member) {
		return ADDRESS + "_" + member;
	}

	/**
	 * Why {@code value} cannot be stored as {@code claim}, or null if it can: a text claim takes a
	 * string up to its column's size, a boolean claim a boolean; null clears either.
	 */
	public static String problem(String claim, Object value) {
		if (!isStored(claim)) {
			return "not a stored claim: " + claim + " (stored: " + String.join(", ", STRINGS.keySet()) + ", "
					+ String.join(", ", BOOLEANS) + ", " + ADDRESS + ")";
		}
		if (value == null) {
			return null;
		}
		if (ADDRESS.equals(claim)) {
			return addressProblem(value);
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

	private static String addressProblem(Object value) {
		if (!(value instanceof Map<?, ?> members)) {
			return "address must be an object of " + String.join(", ", ADDRESS_MEMBERS.keySet());
		}
		for (Map.Entry<?, ?> member : members.entrySet()) {
			Integer max = ADDRESS_MEMBERS.get(String.valueOf(member.getKey()));
			if (max == null) {
				return "address." + member.getKey() + " is not an address member (members: "
						+ String.join(", ", ADDRESS_MEMBERS.keySet()) + ")";
			}
			if (member.getValue() != null && !(member.getValue() instanceof String text && text.length() <= max)) {
				return "address." + member.getKey() + " must be a string of at most " + max + " characters";
			}
		}
		return null;
	}

	private static Map<String, Integer> addressMembers() {
		Map<String, Integer> members = new LinkedHashMap<>();
		members.put("formatted", 500);
		members.put("street_address", 500);
		members.put("locality", 100);
		members.put("region", 100);
		members.put("postal_code", 20);
		members.put("country", 100);
		return java.util.Collections.unmodifiableMap(members);
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
