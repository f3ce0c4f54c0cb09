package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests named after the OpenID Foundation's conformance modules (the
 * {@code oidcc-basic-certification-test-plan} and {@code oidcc-config-certification-test-plan}):
 * each test does what its module does, as a relying party with a static client, against the running
 * provider, and asserts what the module checks. The clients are the plan's two static clients
 * ({@value #RP}, {@value #RP2}): confidential, {@code client_secret_basic} and
 * {@code client_secret_post}, code and refresh grants, the standard scopes, no consent.
 */
abstract class ConformanceSupport extends ProviderIntegrationTest {

	static final String RP = "conformance-rp";

	static final String RP2 = "conformance-rp2";

	static final String REDIRECT_URI = "https://rp.example/cb";

	static final String ALL_SCOPES = "openid profile email address phone";

	private static boolean registered;

	@Autowired
	private RegisteredClientRepository clients;

	@BeforeEach
	void registerClients() {
		synchronized (ConformanceSupport.class) {
			if (!registered) {
				for (String clientId : List.of(RP, RP2)) {
					this.clients.save(TestClients.confidential(clientId)
						.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
						.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
						.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
						.redirectUri(REDIRECT_URI)
						.scopes(scopes -> scopes.addAll(Set.of(ALL_SCOPES.split(" "))))
						// The plan's modules send PKCE only in the one about PKCE.
						.clientSettings(ClientSettings.builder().requireProofKey(false).build())
						.build());
				}
				registered = true;
			}
		}
	}

	/** The first client's request for {@code scope}. */
	static AuthorizationRequest request(String scope) {
		return AuthorizationRequest.of(RP, REDIRECT_URI, scope);
	}

	/**
	 * Walks {@code request} as the user's browser: the login page if shown (alice signs in), the
	 * consent page if shown (everything allowed); answers the parameters of the redirect to the client.
	 */
	Map<String, String> authorize(UserAgent browser, AuthorizationRequest request) {
		return codeFlow(browser).authorize(request.url(), request.redirectUri(), Demo.USERNAME,
				Demo.PASSWORD);
	}

	/** A whole sign-in of a fresh browser: authorize (state checked) and exchange. */
	Tokens signIn(UserAgent browser, AuthorizationRequest request) {
		Map<String, String> answer = authorize(browser, request);
		assertThat(answer).containsEntry("state", request.state()).containsKey("code");
		return exchange(RP, answer.get("code"));
	}

	/** The code exchanged by {@code clientId} with {@code client_secret_basic}. */
	Tokens exchange(String clientId, String code) {
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", clientId, TestClients.secretOf(clientId),
				Map.of("grant_type", List.of("authorization_code"), "code", List.of(code), "redirect_uri",
						List.of(REDIRECT_URI)));
		return new Tokens(reply.expect(200, "code exchange"));
	}

	BackChannel.Reply refresh(String clientId, String refreshToken) {
		return this.backChannel.postBasic("/oauth2/token", clientId, TestClients.secretOf(clientId),
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(refreshToken)));
	}

	BackChannel.Reply userInfo(String accessToken) {
		return this.backChannel.getBearer("/userinfo", accessToken);
	}

	/** The first authorization's answer when it is a redirect to the client (no page shown). */
	static Map<String, String> redirectedToClient(HttpResponse<String> response, String redirectUri) {
		assertThat(response.statusCode()).as("a redirect, not a page: %s", response.body()).isEqualTo(302);
		assertThat(UserAgent.location(response)).startsWith(redirectUri + "?");
		return UserAgent.redirectParameters(response);
	}

	/** Waits until the clock's second has moved past {@code epochSecond} (auth_time has whole seconds). */
	static void waitForSecondAfter(long epochSecond, Duration extra) {
		Wait.until("a later second", Duration.ofSeconds(5), Duration.ofMillis(50),
				() -> Instant.now().minus(extra).getEpochSecond() > epochSecond);
	}

	/** Verifies {@code jwt}'s signature with the key its kid names in our JWKS. */
	void assertSignedByPublishedKey(SignedJWT jwt) throws ParseException, JOSEException {
		String jwks = this.backChannel.send(java.net.http.HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks")).build())
			.expect(200, "jwks")
			.raw()
			.body();
		assertThat(jwt.getHeader().getKeyID()).as("kid").isNotBlank();
		JWK key = JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("published key %s", jwt.getHeader().getKeyID()).isNotNull();
		assertThat(jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
				key.getKeyType().getValue().equals("RSA") ? key.toRSAKey().toPublicKey() : key.toECKey().toPublicKey())))
			.as("signature")
			.isTrue();
	}

	/** A token response. */
	record Tokens(BackChannel.Reply reply) {

		String accessToken() {
			return this.reply.string("access_token");
		}

		String refreshToken() {
			return this.reply.string("refresh_token");
		}

		SignedJWT idToken() throws ParseException {
			return SignedJWT.parse(this.reply.string("id_token"));
		}

		JWTClaimsSet idTokenClaims() throws ParseException {
			return idToken().getJWTClaimsSet();
		}

	}

}
