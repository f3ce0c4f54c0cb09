package dev.failsafe.idp.server.tokens;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** RS256 by default; a client registered for ES256 gets ES256 tokens; both verify against the JWKS. */
class SigningAlgorithmTest extends ProviderIntegrationTest {

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private ClientSecretEncoder secrets;

	@Test
	void tokenWhenDefaultClientThenRs256VerifiedByPublishedKey() throws Exception {
		SignedJWT token = SignedJWT.parse(clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET));
		assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(token.verify(new RSASSAVerifier(jwks().getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey())))
			.isTrue();
	}

	@Test
	void tokenWhenClientRegisteredForEs256ThenEs256VerifiedByPublishedKey() throws Exception {
		String clientId = "es256-" + UUID.randomUUID();
		String secret = UUID.randomUUID().toString();
		this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName("ES256 client")
			.clientSecret(this.secrets.encoder().encode(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("orders.read")
			.tokenSettings(TokenSettings.builder().idTokenSignatureAlgorithm(SignatureAlgorithm.ES256).build())
			.build());

		SignedJWT token = SignedJWT.parse(clientCredentials(clientId, secret));
		assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
		assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(token.verify(new ECDSAVerifier(jwks().getKeyByKeyId(token.getHeader().getKeyID()).toECKey())))
			.isTrue();
	}

	@Test
	void jwksWhenFetchedThenCacheableForTheConfiguredJwksCacheTime() {
		BackChannel.Reply reply = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks")).build());
		assertThat(reply.raw().headers().allValues("Cache-Control")).containsExactly("public, max-age=900");
		BackChannel.Reply token = this.backChannel.postBasic("/oauth2/token", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET, Map.of("grant_type", List.of("client_credentials")));
		assertThat(token.raw().headers().firstValue("Cache-Control")).hasValueSatisfying(
				value -> assertThat(value).contains("no-store"));
	}

	private String clientCredentials(String clientId, String secret) {
		BackChannel.Reply reply = this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("client_credentials")));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

	private JWKSet jwks() throws Exception {
		return JWKSet.parse(this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks")).build())
			.raw()
			.body());
	}

}
