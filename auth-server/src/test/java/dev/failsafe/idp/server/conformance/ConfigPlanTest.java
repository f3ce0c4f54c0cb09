package dev.failsafe.idp.server.conformance;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config plan's module ({@code oidcc-config-certification-test-plan}): what discovery says, and
 * that it says exactly what works (the tests of each feature use what it advertises).
 */
class ConfigPlanTest extends ConformanceSupport {

	/**
	 * oidcc-discovery-endpoint-verification: issuer, endpoints under it, a JWKS of valid public keys,
	 * openid among the scopes, code among the response types, public subjects, RS256 ID tokens, and
	 * claims support.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void oidcc_discovery_endpoint_verification() throws Exception {
		Map<String, Object> discovery = discovery();
		String issuer = PROVIDER.issuer();
		assertThat(discovery).containsEntry("issuer", issuer);
		for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri",
				"end_session_endpoint")) {
			assertThat((String) discovery.get(endpoint)).as(endpoint).startsWith(issuer + "/");
		}
		assertThat((List<String>) discovery.get("scopes_supported")).contains("openid", "profile", "email", "address",
				"phone");
		assertThat((List<String>) discovery.get("response_types_supported")).containsExactly("code");
		assertThat((List<String>) discovery.get("subject_types_supported")).containsExactly("public");
		assertThat((List<String>) discovery.get("id_token_signing_alg_values_supported")).contains("RS256")
			.doesNotContain("none");
		assertThat(discovery).containsEntry("claims_parameter_supported", true);
		assertThat((List<String>) discovery.get("claims_supported")).contains("sub", "name", "email", "address",
				"phone_number", "auth_time", "iss");
		String jwks = this.backChannel.send(HttpRequest.newBuilder(java.net.URI.create((String) discovery.get("jwks_uri")))
			.build()).expect(200, "jwks").raw().body();
		List<JWK> keys = JWKSet.parse(jwks).getKeys();
		assertThat(keys).isNotEmpty().allSatisfy(key -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getKeyID()).isNotBlank();
		});
	}

	/** Discovery advertises exactly what works: nothing a client could not use, and what exists. */
	@Test
	@SuppressWarnings("unchecked")
	void discoveryWhenReadThenAdvertisesExactlyWhatWorks() {
		Map<String, Object> discovery = discovery();
		assertThat((List<String>) discovery.get("token_endpoint_auth_methods_supported"))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
		assertThat((List<String>) discovery.get("grant_types_supported")).doesNotContain(
				"urn:ietf:params:oauth:grant-type:token-exchange");
		assertThat((List<String>) discovery.get("code_challenge_methods_supported")).containsExactly("S256");
		assertThat((List<String>) discovery.get("prompt_values_supported")).containsExactlyInAnyOrder("none",
				"login", "consent", "select_account");
		assertThat((List<String>) discovery.get("ui_locales_supported")).containsExactly("en", "ko");
		assertThat((List<String>) discovery.get("display_values_supported")).containsExactly("page", "popup");
		assertThat(discovery).containsEntry("request_parameter_supported", true)
			.containsEntry("request_object_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"));
		assertThat(discovery).containsEntry("request_uri_parameter_supported", false)
			.doesNotContainKey("tls_client_certificate_bound_access_tokens");
	}

	private Map<String, Object> discovery() {
		BackChannel.Reply reply = this.backChannel
			.send(HttpRequest.newBuilder(PROVIDER.uri("/.well-known/openid-configuration")).build());
		assertThat(reply.status()).isEqualTo(200);
		return reply.json();
	}

}
