package dev.failsafe.idp.server.login;

import java.net.http.HttpRequest;
import java.util.List;

import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The session cookie is HttpOnly and SameSite=Lax always, and Secure whenever TLS ends at a proxy. */
class SessionCookieTest extends ProviderIntegrationTest {

	@Test
	void sessionCookieWhenBehindTlsProxyThenSecureHttpOnlyLax() {
		String cookie = sessionCookie(HttpRequest.newBuilder(PROVIDER.uri("/login"))
			.header("X-Forwarded-Proto", "https")
			.build());
		assertThat(cookie).startsWith("IDPSESSION=").contains("HttpOnly").contains("SameSite=Lax").contains("Secure");
	}

	@Test
	void sessionCookieWhenPlainHttpOnLoopbackThenHttpOnlyLaxNotSecure() {
		String cookie = sessionCookie(HttpRequest.newBuilder(PROVIDER.uri("/login")).build());
		assertThat(cookie).startsWith("IDPSESSION=").contains("HttpOnly").contains("SameSite=Lax")
			.doesNotContain("Secure");
	}

	private String sessionCookie(HttpRequest request) {
		BackChannel.Reply reply = this.backChannel.send(request);
		assertThat(reply.status()).isEqualTo(200);
		List<String> cookies = reply.raw().headers().allValues("Set-Cookie");
		return cookies.stream().filter(value -> value.startsWith("IDPSESSION=")).findFirst().orElseThrow();
	}

}
