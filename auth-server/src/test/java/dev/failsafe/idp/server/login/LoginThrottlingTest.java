package dev.failsafe.idp.server.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.UUID;

import dev.failsafe.idp.server.testing.ClientAddresses;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.server.testing.TestUsers;
import dev.failsafe.idp.testing.signin.UserAgent;
import dev.failsafe.idp.server.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling over HTTP, each attempt from the address a trusted proxy names (X-Forwarded-For
 * from {@link RunningProvider#PROXY}): a pair that failed too often
 * waits (429, {@code Retry-After}, the page says how long) whatever password it sends next, while the
 * real user at another address signs in; an address that failed for many accounts waits; an account
 * under a distributed attack gives each new address one try; and a forged X-Forwarded-For from any
 * other peer counts for nothing.
 */
class LoginThrottlingTest extends ProviderIntegrationTest {

	@Autowired
	private UserDirectory users;

	@Autowired
	private PasswordEncoder passwords;

	@Autowired
	private LoginProperties limits;

	@Autowired
	private MeterRegistry meters;

	@Test
	void loginWhenPairFailedTooOftenThenWaitDemandedEvenWithRightPassword() {
		String username = newUser();
		String attacker = address();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerPair(); attempt++) {
			assertThat(UserAgent.location(new UserAgent(PROVIDER, attacker).submitLogin(username, "wrong")))
				.endsWith("/login?error");
		}
		double throttledBefore = this.meters.counter(LoginOutcomes.METRIC, "outcome", "throttled").count();

		HttpResponse<String> blocked = new UserAgent(PROVIDER, attacker).submitLogin(username, TestUsers.PASSWORD);
		assertThrottled(blocked);
		assertThat(this.meters.counter(LoginOutcomes.METRIC, "outcome", "throttled").count())
			.isEqualTo(throttledBefore + 1);
	}

	@Test
	void loginWhenAttackerKeepsGuessingFromAnotherAddressThenRealUserSignsIn() {
		String username = newUser();
		String attacker = address();
		for (int attempt = 0; attempt < 2 * this.limits.maxFailuresPerPair(); attempt++) {
			new UserAgent(PROVIDER, attacker).submitLogin(username, "guess-" + attempt);
		}
		assertSignedIn(new UserAgent(PROVIDER, address()).submitLogin(username, TestUsers.PASSWORD));
		assertThrottled(new UserAgent(PROVIDER, attacker).submitLogin(username, "guess-again"));
	}

	@Test
	void loginWhenAddressFailedTooOftenThenOtherAccountsWaitFromIt() {
		String address = address();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerAddress(); attempt++) {
			new UserAgent(PROVIDER, address).submitLogin("nobody-" + UUID.randomUUID(), "wrong");
		}
		String username = newUser();
		assertThrottled(new UserAgent(PROVIDER, address).submitLogin(username, TestUsers.PASSWORD));
		assertSignedIn(new UserAgent(PROVIDER, address()).submitLogin(username, TestUsers.PASSWORD));
	}

	@Test
	void loginWhenAccountUnderDistributedAttackThenEachNewAddressGetsOneTry() {
		String username = newUser();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerAccount(); attempt++) {
			new UserAgent(PROVIDER, address()).submitLogin(username, "wrong");
		}
		String bot = address();
		assertThat(UserAgent.location(new UserAgent(PROVIDER, bot).submitLogin(username, "wrong")))
			.endsWith("/login?error");
		assertThrottled(new UserAgent(PROVIDER, bot).submitLogin(username, TestUsers.PASSWORD));
		// The real user's first try, from where no failure came, is checked.
		assertSignedIn(new UserAgent(PROVIDER, address()).submitLogin(username, TestUsers.PASSWORD));
	}

	@Test
	void loginWhenBelowLimitThenRightPasswordSucceedsAndPairStartsOver() {
		String username = newUser();
		String address = address();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerPair() - 1; attempt++) {
			new UserAgent(PROVIDER, address).submitLogin(username, "wrong");
		}
		assertSignedIn(new UserAgent(PROVIDER, address).submitLogin(username, TestUsers.PASSWORD));
		for (int attempt = 0; attempt < this.limits.maxFailuresPerPair() - 1; attempt++) {
			new UserAgent(PROVIDER, address).submitLogin(username, "wrong");
		}
		assertSignedIn(new UserAgent(PROVIDER, address).submitLogin(username, TestUsers.PASSWORD));
	}

	@Test
	void loginWhenForwardedForSentByUntrustedPeerThenPeerAddressCounted() throws UnknownHostException {
		String username = newUser();
		// 127.0.0.2 is not the trusted proxy: each attempt claims another address, all count as its own.
		HttpClient untrusted = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.localAddress(InetAddress.getByName("127.0.0.2"))
			.build();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerPair(); attempt++) {
			new UserAgent(PROVIDER, untrusted, address()).submitLogin(username, "wrong");
		}
		assertThrottled(new UserAgent(PROVIDER, untrusted, address()).submitLogin(username, TestUsers.PASSWORD));
		assertSignedIn(new UserAgent(PROVIDER, address()).submitLogin(username, TestUsers.PASSWORD));
	}

	@Test
	void throttledPageWhenRequestedDirectlyThenLoginPage() {
		HttpResponse<String> direct = newUserAgent().get("/login/throttled");
		assertThat(direct.statusCode()).isEqualTo(302);
		assertThat(UserAgent.location(direct)).endsWith("/login");
	}

	private static void assertThrottled(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("429 Too Many Requests, not a redirect").isEqualTo(429);
		long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 15 * 60L);
		assertThat(response.body()).contains("id=\"throttled\"")
			.contains("Too many failed sign-in attempts")
			.contains("minute")
			.contains("name=\"_csrf\"");
	}

	private static void assertSignedIn(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(UserAgent.location(response)).as("signed in").doesNotContain("/login");
	}

	private String newUser() {
		return TestUsers.create(this.users, this.passwords, "user-");
	}

	private static String address() {
		return ClientAddresses.next();
	}

}
