package dev.failsafe.idp.server.metadata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.authorize.RequestObjects;
import dev.failsafe.idp.server.users.ScopedClaims;

/**
 * What discovery (OIDC Discovery 1.0) and the authorization server metadata (RFC 8414) advertise:
 * exactly what works here, no more (a relying-party library picks what is advertised), and what
 * exists that Spring's defaults leave out. Applied to the documents Spring builds, as a customizer
 * of their claims.
 *
 * <ul>
 * <li>Client authentication: {@code client_secret_basic}, {@code client_secret_post}, and
 * {@code none} (public clients with PKCE) at the token endpoint; Spring's defaults also list
 * {@code client_secret_jwt}, {@code private_key_jwt}, {@code tls_client_auth} and
 * {@code self_signed_tls_client_auth}, which no client can register for here.</li>
 * <li>Grants: the code flow, refresh, client credentials and the device grant (token exchange is
 * not offered).</li>
 * <li>OpenID Connect: the scopes and claims the directory releases, the {@code claims} parameter,
 * {@code prompt} values, {@code display} values, the pages' languages, RS256 and ES256 ID tokens;
 * request objects signed with a client's registered key; {@code request_uri} pointing at a URL is not
 * supported.</li>
 * </ul>
 */
public final class ProviderMetadata {

	/** The claims an ID token or userinfo answer may carry. */
	static final List<String> CLAIMS = claims();

	private final List<String> uiLocales;

	/** @param uiLocales the languages of the pages (BCP 47 tags) */
	public ProviderMetadata(List<String> uiLocales) {
		this.uiLocales = List.copyOf(uiLocales);
	}

	/** Corrects the authorization server metadata (RFC 8414) Spring built. */
	public void oauth2(Map<String, Object> metadata) {
		common(metadata);
	}

	/** Corrects the OpenID Provider metadata (OIDC Discovery section 3) Spring built. */
	public void openid(Map<String, Object> metadata) {
		common(metadata);
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported",
				Arrays.stream(SigningAlgorithm.values()).map(Enum::name).toList());
		metadata.put("claims_supported", CLAIMS);
		metadata.put("claim_types_supported", List.of("normal"));
		metadata.put("claims_parameter_supported", true);
		metadata.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
		metadata.put("display_values_supported", List.of("page", "popup"));
		metadata.put("request_parameter_supported", true);
		metadata.put("request_object_signing_alg_values_supported", RequestObjects.ALGORITHMS);
		metadata.put("request_uri_parameter_supported", false);
	}

	private void common(Map<String, Object> metadata) {
		metadata.put("token_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post", "none"));
		metadata.put("revocation_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post"));
		metadata.put("introspection_endpoint_auth_methods_supported",
				List.of("client_secret_basic", "client_secret_post"));
		metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials",
				"urn:ietf:params:oauth:grant-type:device_code"));
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("response_modes_supported", List.of("query"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("dpop_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
		metadata.remove("tls_client_certificate_bound_access_tokens");
		metadata.put("scopes_supported", List.of("openid", "profile", "email", "address", "phone"));
		metadata.put("ui_locales_supported", this.uiLocales);
		metadata.put("require_pushed_authorization_requests", false);
	}

	private static List<String> claims() {
		List<String> claims = new ArrayList<>(List.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "azp", "sid"));
		claims.addAll(ScopedClaims.SUPPORTED);
		return List.copyOf(claims);
	}

}
