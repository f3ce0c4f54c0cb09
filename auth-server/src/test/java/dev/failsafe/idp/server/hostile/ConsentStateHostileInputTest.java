package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.server.clients.Sha256SecretEncoder;
import dev.failsafe.idp.server.demo.DemoTenant;
import dev.failsafe.idp.server.testing.BackChannel;
import dev.failsafe.idp.server.testing.CodeFlow;
import dev.failsafe.idp.server.testing.Pkce;
import dev.failsafe.idp.server.testing.UserAgent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
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
	@ValueSource(strings = { "", "access_token", "refresh_token", "state", "<garbage>" })
	void introspectWhenConsentStateSentAsTokenThenInactiveAndConsentStillCompletes(String hint) {
		PendingConsent pending = pendingConsent();
		BackChannel.Reply reply = postForm("/oauth2/introspect", pending.clientId(), secretOf(pending.clientId()),
				withHint(pending, hint));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		assertThat(reply.json()).isEqualTo(Map.of("active", false));
		assertCompletes(pending);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "access_token", "refresh_token", "state", "<garbage>" })
	void revokeWhenConsentStateSentAsTokenThen200AndConsentStillCompletes(String hint) {
		PendingConsent pending = pendingConsent();
		BackChannel.Reply reply = postForm("/oauth2/revoke", pending.clientId(), secretOf(pending.clientId()),
				withHint(pending, hint));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		assertThat(reply.raw().body()).isEmpty();
		assertCompletes(pending);
	}

	private static String withHint(PendingConsent pending, String hint) {
		return hint.isEmpty() ? form("token", pending.state()) : form("token", pending.state(), "token_type_hint", hint);
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
		this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName("Consent state")
			.clientSecret("{sha256}" + new Sha256SecretEncoder().encode(secretOf(clientId)))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(REDIRECT)
			.scope("openid")
			.scope("profile")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.build());
		UserAgent agent = newUserAgent();
		assertThat(UserAgent.isRedirect(agent.submitLogin(DemoTenant.USERNAME, DemoTenant.PASSWORD))).isTrue();
		HttpResponse<String> authorize = agent.get(CodeFlow.authorizeUrl(clientId, REDIRECT, "openid profile",
				Pkce.create(), "s", "n"));
		assertThat(UserAgent.location(authorize)).contains("/oauth2/consent");
		HttpResponse<String> page = agent.get(UserAgent.location(authorize));
		assertThat(page.statusCode()).isEqualTo(200);
		return new PendingConsent(clientId, agent, page.body(), UserAgent.hiddenField(page.body(), "state"));
	}

	/** Unique per client: the directory refuses two clients with one secret (hash). */
	private static String secretOf(String clientId) {
		return clientId + "-secret";
	}

	private record PendingConsent(String clientId, UserAgent agent, String page, String state) {
	}

}
