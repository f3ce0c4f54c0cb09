package dev.failsafe.idp.server.logout;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenID Foundation's {@code oidcc-rp-initiated-logout-certification-test-plan} (conformance
 * suite, {@code OIDCCRpInitiatedLogoutTestPlan}), one test per module, named after it, asserting what
 * the module checks against this provider. Our OP always asks a signed-in user to confirm (the
 * modules allow it: the suite clicks through, or takes a screenshot); every module that expects the
 * user signed out then checks it as the suite does, with a {@code prompt=none} authorization request
 * that must not yield a code, and also that the session's refresh token is revoked.
 */
class OidccRpInitiatedLogoutPlanTest extends LogoutPlanSupport {

	/** Every endpoint is under the issuer, so with an {@code https} issuer all are {@code https}. */
	@Test
	@DisplayName("oidcc-rp-initiated-logout-discovery-endpoint-verification")
	void rpInitiatedLogoutDiscoveryEndpointVerification() {
		Map<String, Object> metadata = this.backChannel.send(java.net.http.HttpRequest
			.newBuilder(PROVIDER.uri("/.well-known/openid-configuration"))
			.build()).expect(200, "discovery").json();
		assertThat(metadata).containsEntry("end_session_endpoint", PROVIDER.issuer() + LOGOUT);
		metadata.forEach((name, value) -> {
			if (name.endsWith("_endpoint") || name.equals("jwks_uri")) {
				assertThat((String) value).as(name).startsWith(PROVIDER.issuer() + "/");
			}
		});
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout")
	void rpInitiatedLogout() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());
		String state = longState();

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "id_token_hint",
				session.idToken(), "post_logout_redirect_uri", rp.postLogoutRedirectUri(), "state", state));

		// CheckPostLogoutState and CheckForUnexpectedParametersInPostLogoutRedirect: state intact, nothing else.
		assertThat(UserAgent.location(done)).startsWith(rp.postLogoutRedirectUri() + "?");
		assertThat(UserAgent.redirectParameters(done)).containsExactly(Map.entry("state", state));
		assertSignedOut(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-bad-post-logout-redirect-uri")
	void rpInitiatedLogoutBadPostLogoutRedirectUri() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> response = endSession(session.agent(), "id_token_hint", session.idToken(),
				"post_logout_redirect_uri", rp.postLogoutRedirectUri() + "/not-registered", "state", longState());

		assertErrorPageNotRedirected(response, "post_logout_redirect_uri");
		assertStillSignedIn(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-modified-id-token-hint")
	void rpInitiatedLogoutModifiedIdTokenHint() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());
		// ChangeIdTokenToAlgNone: the same claims, header alg none, no signature.
		String[] parts = session.idToken().split("\\.");
		String algNone = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";

		HttpResponse<String> response = endSession(session.agent(), "id_token_hint", algNone,
				"post_logout_redirect_uri", rp.postLogoutRedirectUri(), "state", longState());

		assertErrorPageNotRedirected(response, "id_token_hint");
		assertStillSignedIn(session, rp);
	}

	/** Nothing proves the request comes from the relying party: the user may sign out, but stays with us. */
	@Test
	@DisplayName("oidcc-rp-initiated-logout-no-id-token-hint")
	void rpInitiatedLogoutNoIdTokenHint() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "post_logout_redirect_uri",
				rp.postLogoutRedirectUri(), "state", longState()));

		assertSignedOutPage(session.agent(), done);
		assertSignedOut(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-no-params")
	void rpInitiatedLogoutNoParams() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent()));

		assertSignedOutPage(session.agent(), done);
		assertSignedOut(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-no-post-logout-redirect-uri")
	void rpInitiatedLogoutNoPostLogoutRedirectUri() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> done = confirm(session.agent(),
				endSession(session.agent(), "id_token_hint", session.idToken(), "state", longState()));

		assertSignedOutPage(session.agent(), done);
		assertSignedOut(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-no-state")
	void rpInitiatedLogoutNoState() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "id_token_hint",
				session.idToken(), "post_logout_redirect_uri", rp.postLogoutRedirectUri()));

		// CheckNoPostLogoutState and no other parameter either.
		assertThat(UserAgent.location(done)).isEqualTo(rp.postLogoutRedirectUri());
		assertSignedOut(session, rp);
	}

	@Test
	@DisplayName("oidcc-rp-initiated-logout-only-state")
	void rpInitiatedLogoutOnlyState() {
		RelyingParty rp = registerRelyingParty(null);
		SignedIn session = signIn(rp, createUser());

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "state", longState()));

		assertSignedOutPage(session.agent(), done);
		assertSignedOut(session, rp);
	}

	/** The OP must not redirect back, and shows an error page saying what was wrong. */
	private static void assertErrorPageNotRedirected(HttpResponse<String> response, String parameter) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains(parameter);
	}

}
