package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.TestClients;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent {@code state} (the correlation value of an authorization waiting for consent) is no
 * token: sent as {@code token} to introspection it is inactive, to revocation it is a no-op 200,
 * with or without a type hint, and the pending consent still completes afterwards.
 */
class ConsentStateHostileInputTest extends HostileInputSupport {

	private static final String REDIRECT = "https://consent-state.example/cb";

	@Autowired
	private RegisteredClientRepository clients;

	@ParameterizedTest
	@CsvSource({ "/oauth2/introspect,", "/oauth2/introspect,access_token", "/oauth2/introspect,refresh_token",
			"/oauth2/introspect,state", "/oauth2/introspect,<garbage>", "/oauth2/revoke,", "/oauth2/revoke,access_token",
			"/oauth2/revoke,refresh_token", "/oauth2/revoke,state", "/oauth2/revoke,<garbage>" })
	void endpointWhenConsentStateSentAsTokenThenNoTokenFoundAndConsentStillCompletes(String endpoint, String hint) {
		PendingConsent pending = pendingConsent();
		BackChannel.Reply reply = postForm(endpoint, pending.clientId(), TestClients.secretOf(pending.clientId()),
				(hint == null) ? form("token", pending.state()) : form("token", pending.state(), "token_type_hint", hint));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		if (endpoint.endsWith("introspect")) {
			assertThat(reply.json()).isEqualTo(Map.of("active", false));
		}
		else {
			assertThat(reply.raw().body()).isEmpty();
		}
		assertCompletes(pending);
	}

	/** Approving the consent page still redirects with a code: nothing was changed by the request. */
	private void assertCompletes(PendingConsent pending) {
		HttpResponse<String> approved = codeFlow(pending.agent()).approve(pending.page());
		assertThat(UserAgent.location(approved)).startsWith(REDIRECT);
		assertThat(UserAgent.redirectParameters(approved)).containsKey("code").doesNotContainKey("error");
	}

	/** Alice, signed in, shown the consent page of a client she never consented to. */
	private PendingConsent pendingConsent() {
		String clientId = "consent-state-" + UUID.randomUUID();
		this.clients.save(TestClients.confidential(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(REDIRECT)
			.scope("openid")
			.scope("profile")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.build());
		UserAgent agent = newUserAgent();
		assertThat(UserAgent.isRedirect(agent.submitLogin(Demo.USERNAME, Demo.PASSWORD))).isTrue();
		HttpResponse<String> authorize = agent.get(CodeFlow.authorizeUrl(clientId, REDIRECT, "openid profile",
				Pkce.create(), "s", "n"));
		assertThat(UserAgent.location(authorize)).contains("/oauth2/consent");
		HttpResponse<String> page = agent.get(UserAgent.location(authorize));
		assertThat(page.statusCode()).isEqualTo(200);
		return new PendingConsent(clientId, agent, page.body(), UserAgent.hiddenField(page.body(), "state"));
	}

	private record PendingConsent(String clientId, UserAgent agent, String page, String state) {
	}

}
