package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertNoInternals;
import static dev.failsafe.idp.server.hostile.ProtocolAssertions.errorDetail;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form's POST without its CSRF token (a login forced from another site): refused with
 * 403 before the password is even checked, and nobody is signed in.
 */
class LoginFormHostileInputTest extends HostileInputSupport {

	@Test
	void loginWhenCsrfTokenMissingThen403AndNotSignedIn() {
		UserAgent agent = newUserAgent();
		assertThat(agent.get("/login").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = agent.postForm("/login",
				Map.of("username", List.of(Demo.USERNAME), "password", List.of(Demo.PASSWORD)));
		assertRefusedAndSignedOut(agent, refused);
	}

	@Test
	void loginWhenCsrfTokenForgedThen403AndNotSignedIn() {
		UserAgent agent = newUserAgent();
		assertThat(agent.get("/login").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = agent.postForm("/login", Map.of("username", List.of(Demo.USERNAME),
				"password", List.of(Demo.PASSWORD), "_csrf", List.of("forged-token")));
		assertRefusedAndSignedOut(agent, refused);
	}

	@Test
	void loginWhenNoSessionAtAllThen403AndNotSignedIn() {
		UserAgent agent = newUserAgent();
		HttpResponse<String> refused = agent.postForm("/login",
				Map.of("username", List.of(Demo.USERNAME), "password", List.of(Demo.PASSWORD)));
		assertRefusedAndSignedOut(agent, refused);
	}

	private static void assertRefusedAndSignedOut(UserAgent agent, HttpResponse<String> refused) {
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Location")).as("not a login redirect").isEmpty();
		assertThat(errorDetail(refused)).isEqualTo("Forbidden");
		assertNoInternals(refused);
		HttpResponse<String> account = agent.get("/oauth2/consent?client_id=" + Demo.SHOP + "&state=s");
		assertThat(UserAgent.isRedirect(account)).as("signed out: sent to the login page").isTrue();
		assertThat(UserAgent.location(account)).endsWith("/login");
	}

}
