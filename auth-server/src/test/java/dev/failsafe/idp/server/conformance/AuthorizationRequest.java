package dev.failsafe.idp.server.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;

/**
 * An authorization request as a conformance module builds it: {@code response_type=code}, the
 * client, its redirect URI, the scope, a fresh {@code state} and {@code nonce}; then whatever the
 * module adds or removes.
 *
 * @param parameters the parameters, in order
 */
record AuthorizationRequest(Map<String, String> parameters) {

	AuthorizationRequest {
		parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	static AuthorizationRequest of(String clientId, String redirectUri, String scope) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", redirectUri);
		parameters.put("scope", scope);
		parameters.put("state", Pkce.randomToken());
		parameters.put("nonce", Pkce.randomToken());
		return new AuthorizationRequest(parameters);
	}

	/** A copy with {@code name} set to {@code value} (null removes it). */
	AuthorizationRequest with(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.parameters);
		if (value == null) {
			copy.remove(name);
		}
		else {
			copy.put(name, value);
		}
		return new AuthorizationRequest(copy);
	}

	/** A copy with S256 PKCE for {@code pkce}. */
	AuthorizationRequest with(Pkce pkce) {
		return with("code_challenge", pkce.challenge()).with("code_challenge_method", "S256");
	}

	String state() {
		return this.parameters.get("state");
	}

	String nonce() {
		return this.parameters.get("nonce");
	}

	String redirectUri() {
		return this.parameters.get("redirect_uri");
	}

	/** The request as a GET to the authorization endpoint. */
	String url() {
		StringBuilder url = new StringBuilder("/oauth2/authorize");
		this.parameters.forEach((name, value) -> url.append((url.indexOf("?") < 0) ? '?' : '&')
			.append(Forms.encodeQueryParameter(name))
			.append('=')
			.append(Forms.encodeQueryParameter(value)));
		return url.toString();
	}

	/** The request as a form, for a POST to the authorization endpoint. */
	Map<String, List<String>> form() {
		Map<String, List<String>> form = new LinkedHashMap<>();
		this.parameters.forEach((name, value) -> form.put(name, List.of(value)));
		return form;
	}

}
