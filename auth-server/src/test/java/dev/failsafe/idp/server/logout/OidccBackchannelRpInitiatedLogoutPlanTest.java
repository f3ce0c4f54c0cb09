package dev.failsafe.idp.server.logout;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.signin.UserAgent;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenID Foundation's {@code oidcc-backchannel-rp-initiated-logout-certification-test-plan}
 * (conformance suite, {@code OIDCCBackchannelRpInitiatedLogoutTestPlan}), one test per module, named
 * after it. The relying party is registered as the module registers it
 * ({@code backchannel_logout_uri}, {@code backchannel_logout_session_required: true}); its
 * back-channel endpoint is a real HTTP server answering 200 with {@code Cache-Control: no-store}.
 */
class OidccBackchannelRpInitiatedLogoutPlanTest extends LogoutPlanSupport {

	private static final Duration DELIVERY = Duration.ofSeconds(20);

	private static LogoutTokenReceiver receiver;

	@BeforeAll
	static void startReceiver() {
		receiver = LogoutTokenReceiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void clear() {
		receiver.clear();
	}

	@Test
	@DisplayName("oidcc-backchannel-logout-discovery-endpoint-verification")
	void backchannelLogoutDiscoveryEndpointVerification() {
		Map<String, Object> metadata = this.backChannel
			.send(HttpRequest.newBuilder(PROVIDER.uri("/.well-known/openid-configuration")).build())
			.expect(200, "discovery")
			.json();
		assertThat(metadata).containsEntry("backchannel_logout_supported", true)
			.containsEntry("backchannel_logout_session_supported", true)
			.containsEntry("end_session_endpoint", PROVIDER.issuer() + LOGOUT);
	}

	@Test
	@DisplayName("oidcc-backchannel-rp-initiated-logout")
	void backchannelRpInitiatedLogout() throws Exception {
		RelyingParty rp = registerRelyingParty(receiver.uri());
		SignedIn session = signIn(rp, createUser());
		String state = longState();

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "id_token_hint",
				session.idToken(), "post_logout_redirect_uri", rp.postLogoutRedirectUri(), "state", state));
		assertThat(UserAgent.redirectParameters(done)).containsExactly(Map.entry("state", state));

		LogoutTokenReceiver.Received request = receiver.await(DELIVERY);
		assertThat(request).as("a back-channel logout request").isNotNull();
		// ExtractLogoutTokenFromBackchannelLogoutRequest, CheckForUnexpectedParametersInBackchannelLogoutRequest
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form()).containsOnlyKeys("logout_token");
		// ValidateLogoutTokenSignature, ValidateLogoutTokenClaims, CheckLogoutTokenNoNonce, CheckLogoutTokenHasSubOrSid
		VerifiedLogoutToken token = VerifiedLogoutToken.verify(request.logoutToken(), PROVIDER, rp.clientId());
		// CheckIdTokenSubMatchesLogoutToken, CheckIdTokenSidMatchesLogoutToken
		var idToken = SignedJWT.parse(session.idToken()).getJWTClaimsSet();
		assertThat(token.subject()).isEqualTo(idToken.getSubject()).isEqualTo(session.username());
		assertThat(token.sessionId()).isEqualTo(idToken.getStringClaim("sid"));
		assertSignedOut(session, rp);
		assertThat(receiver.await(Duration.ofMillis(500))).as("told once").isNull();
	}

}
