package dev.failsafe.idp.server.users;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code claims} authorization request parameter (OIDC Core section 5.5): which individual
 * claims the client asks for in the ID token and at the UserInfo endpoint, whatever the scopes.
 * Essential or voluntary, a requested claim the user has is released; one the user lacks is left
 * out (section 5.5.1: not returning an essential claim is no error). Values and {@code essential}
 * are not interpreted further.
 *
 * @param idToken the claims asked for in the ID token
 * @param userInfo the claims asked for at the UserInfo endpoint
 */
public record ClaimsRequest(Set<String> idToken, Set<String> userInfo) {

	/** The parameter's name, as stored with the authorization request. */
	public static final String PARAMETER = "claims";

	/** Asks for nothing beyond the scopes. */
	public static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_CLAIMS = 100;

	public ClaimsRequest {
		idToken = Collections.unmodifiableSet(new LinkedHashSet<>(idToken));
		userInfo = Collections.unmodifiableSet(new LinkedHashSet<>(userInfo));
	}

	/**
	 * Parses the parameter's value; empty if it is not a JSON object whose {@code userinfo} and
	 * {@code id_token} members (each optional) are objects of claim names to {@code null} or objects.
	 */
	public static Optional<ClaimsRequest> parse(String value) {
		if (value == null) {
			return Optional.of(NONE);
		}
		try {
			JsonNode root = JSON.readTree(value);
			if (root == null || !root.isObject()) {
				return Optional.empty();
			}
			Set<String> idToken = new LinkedHashSet<>();
			Set<String> userInfo = new LinkedHashSet<>();
			if (!names(root.get("id_token"), idToken) || !names(root.get("userinfo"), userInfo)) {
				return Optional.empty();
			}
			return Optional.of(new ClaimsRequest(idToken, userInfo));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	/** The claims an authorization's request parameters ask for (nothing when it asked for none). */
	public static ClaimsRequest of(Map<String, Object> authorizationRequestParameters) {
		Object value = (authorizationRequestParameters != null) ? authorizationRequestParameters.get(PARAMETER)
				: null;
		return (value instanceof String text) ? parse(text).orElse(NONE) : NONE;
	}

	private static boolean names(JsonNode member, Set<String> into) {
		if (member == null || member.isNull()) {
			return true;
		}
		if (!member.isObject() || member.size() > MAX_CLAIMS) {
			return false;
		}
		for (Map.Entry<String, JsonNode> claim : member.properties()) {
			if (!(claim.getValue().isNull() || claim.getValue().isObject())) {
				return false;
			}
			into.add(claim.getKey());
		}
		return true;
	}

}
