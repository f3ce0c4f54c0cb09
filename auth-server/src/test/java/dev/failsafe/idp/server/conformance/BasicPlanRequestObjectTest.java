package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.TestClients;

import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules about request objects ({@code request}, {@code request_uri}; RFC 9101,
 * OIDC Core section 6): processed correctly or refused as unsupported, never ignored.
 */
class BasicPlanRequestObjectTest extends ConformanceSupport {

	private static final String KEYED = "conformance-rp-keys";

	private static final RSAKey KEY = key();

	@Autowired
	private RegisteredClientRepository clients;

	/**
	 * oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported: a request_uri
	 * pointing at a URL; we never fetch one, so request_uri_not_supported, never a code.
	 */
	@Test
	void oidcc_request_uri_unsigned_supported_correctly_or_rejected_as_unsupported() {
		AuthorizationRequest request = request("openid").with("request_uri", "https://rp.example/request.jwt");
		HttpResponse<String> response = newUserAgent().get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsEntry("error", "request_uri_not_supported")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

	/**
	 * oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported: an unsigned
	 * request object (alg none) whose claims contradict the query is never ignored: refused, never a
	 * code for the query's parameters.
	 */
	@Test
	void oidcc_unsigned_request_object_supported_correctly_or_rejected_as_unsupported() {
		String claims = "{\"iss\":\"" + RP + "\",\"aud\":\"" + PROVIDER.issuer() + "\",\"response_type\":\"code\","
				+ "\"client_id\":\"" + RP + "\",\"scope\":\"openid email\",\"redirect_uri\":\"" + REDIRECT_URI
				+ "\",\"state\":\"from-the-object\"}";
		AuthorizationRequest request = request("openid").with("request", unsigned(claims));
		UserAgent browser = newUserAgent();
		signIn(browser, request("openid"));
		HttpResponse<String> response = browser.get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsKey("error").doesNotContainKey("code");
		assertThat(redirectedToClient(response, REDIRECT_URI).get("error")).isIn("request_not_supported",
				"invalid_request_object");
	}

	/**
	 * oidcc-ensure-request-object-with-redirect-uri: the query's redirect_uri is not registered, the
	 * signed request object's is: the object's wins, and the code goes there.
	 */
	@Test
	void oidcc_ensure_request_object_with_redirect_uri() throws Exception {
		AuthorizationRequest inObject = AuthorizationRequest.of(KEYED, REDIRECT_URI, "openid");
		AuthorizationRequest request = AuthorizationRequest.of(KEYED, "https://rp.example/not-registered", "openid")
			.with("state", null)
			.with("nonce", null)
			.with("request", signed(inObject, KEY, PROVIDER.issuer(), KEYED, 300));
		Map<String, String> answer = codeFlow(newUserAgent()).authorize(request.url(), REDIRECT_URI,
				Demo.USERNAME, Demo.PASSWORD);
		assertThat(answer).containsEntry("state", inObject.state()).containsKey("code");
		assertThat(exchange(KEYED, answer.get("code")).idTokenClaims().getStringClaim("nonce"))
			.isEqualTo(inObject.nonce());
	}

	/** The signed object's claims win over the query's parameters (state, nonce, scope, claims). */
	@Test
	void requestObjectWhenSignedThenItsClaimsWinOverTheQuery() throws Exception {
		AuthorizationRequest inObject = AuthorizationRequest.of(KEYED, REDIRECT_URI, "openid email");
		AuthorizationRequest request = AuthorizationRequest.of(KEYED, REDIRECT_URI, "openid phone")
			.with("request", signed(inObject, KEY, PROVIDER.issuer(), KEYED, 300));
		Map<String, String> answer = codeFlow(newUserAgent()).authorize(request.url(), REDIRECT_URI,
				Demo.USERNAME, Demo.PASSWORD);
		assertThat(answer).containsEntry("state", inObject.state());
		Tokens tokens = exchange(KEYED, answer.get("code"));
		assertThat(tokens.idTokenClaims().getStringClaim("nonce")).isEqualTo(inObject.nonce());
		assertThat(tokens.reply().string("scope").split(" ")).containsExactlyInAnyOrder("openid", "email");
	}

	/** Every way a request object can be wrong is invalid_request_object, back to the client: never ignored. */
	@Test
	void requestObjectWhenNotAcceptableThenInvalidRequestObject() throws Exception {
		AuthorizationRequest inObject = AuthorizationRequest.of(KEYED, REDIRECT_URI, "openid");
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID("other").generate();
		Map<String, String> objects = Map.of("unsigned", unsigned("{\"client_id\":\"" + KEYED + "\"}"), "other key",
				signed(inObject, otherKey, PROVIDER.issuer(), KEYED, 300), "other audience",
				signed(inObject, KEY, "https://other.example", KEYED, 300), "other issuer",
				signed(inObject, KEY, PROVIDER.issuer(), RP, 300), "expired",
				signed(inObject, KEY, PROVIDER.issuer(), KEYED, -300), "garbage", "not.a.jwt",
				"another client_id", signed(inObject.with("client_id", RP), KEY, PROVIDER.issuer(), KEYED, 300));
		objects.forEach((what, object) -> {
			AuthorizationRequest request = AuthorizationRequest.of(KEYED, REDIRECT_URI, "openid").with("request", object);
			Map<String, String> answer = redirectedToClient(newUserAgent().get(request.url()), REDIRECT_URI);
			assertThat(answer).as(what).containsEntry("error", "invalid_request_object")
				.containsEntry("state", request.state())
				.doesNotContainKey("code");
		});
	}

	/** A client with registered keys, signing its request objects with {@link #KEY}. */
	@BeforeEach
	void registerKeyedClient() {
		synchronized (BasicPlanRequestObjectTest.class) {
			if (this.clients.findByClientId(KEYED) == null) {
				this.clients.save(TestClients.confidential(KEYED)
					.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.redirectUri(REDIRECT_URI)
					.scopes(scopes -> scopes.addAll(Set.of(ALL_SCOPES.split(" "))))
					.clientSettings(ClientSettings.builder()
						.requireProofKey(false)
						.setting(ClientProtocolSettings.JWKS, new JWKSet(KEY.toPublicJWK()).toString())
						.build())
					.build());
			}
		}
	}

	/** The request's parameters as the claims of an object signed with {@code key}, valid for {@code seconds}. */
	static String signed(AuthorizationRequest request, RSAKey key, String audience, String issuer, long seconds)
			throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(seconds)));
		request.parameters().forEach(claims::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				claims.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	static String unsigned(String claimsJson) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + base64.encodeToString(claimsJson.getBytes())
				+ ".";
	}

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID("rp-key").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
