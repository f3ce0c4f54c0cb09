package dev.failsafe.idp.server.login;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;
import dev.failsafe.idp.server.users.JdbcUserDirectory;
import dev.failsafe.idp.server.users.UserAccount;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins are throttled per account and per source address, with a clear message, and the
 * right password does not get through a throttled account.
 */
class LoginThrottlingTest extends ProviderIntegrationTest {

	private static final String PASSWORD = "correct horse battery staple";

	private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

	@Autowired
	private JdbcUserDirectory users;

	@Autowired
	private PasswordEncoder passwords;

	@Autowired
	private LoginProperties limits;

	@Autowired
	private MeterRegistry meters;

	@Test
	void loginWhenAccountFailedTooOftenThenThrottledEvenWithRightPassword() {
		String username = newUser();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerAccount(); attempt++) {
			// Each attempt from another address, so only the per-account limit can trip.
			UserAgent agent = new UserAgent(PROVIDER, address());
			assertThat(UserAgent.location(agent.submitLogin(username, "wrong"))).endsWith("/login?error");
		}
		double throttledBefore = this.meters.counter(LoginOutcomes.METRIC, "outcome", "throttled").count();

		UserAgent agent = new UserAgent(PROVIDER, address());
		HttpResponse<String> blocked = agent.submitLogin(username, PASSWORD);
		assertThat(UserAgent.location(blocked)).endsWith("/login?throttled");
		assertThat(agent.get("/login?throttled").body()).contains("id=\"throttled\"")
			.contains("Too many failed sign-in attempts");
		assertThat(this.meters.counter(LoginOutcomes.METRIC, "outcome", "throttled").count())
			.isEqualTo(throttledBefore + 1);
	}

	@Test
	void loginWhenAddressFailedTooOftenThenOtherAccountsThrottledFromIt() {
		String address = address();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerAddress(); attempt++) {
			new UserAgent(PROVIDER, address).submitLogin("nobody-" + UUID.randomUUID(), "wrong");
		}
		String username = newUser();
		assertThat(UserAgent.location(new UserAgent(PROVIDER, address).submitLogin(username, PASSWORD)))
			.endsWith("/login?throttled");
		assertThat(UserAgent.location(new UserAgent(PROVIDER, address()).submitLogin(username, PASSWORD)))
			.doesNotContain("/login?");
	}

	@Test
	void loginWhenBelowLimitThenRightPasswordSucceedsAndClearsAccountFailures() {
		String username = newUser();
		for (int attempt = 0; attempt < this.limits.maxFailuresPerAccount() - 1; attempt++) {
			new UserAgent(PROVIDER, address()).submitLogin(username, "wrong");
		}
		assertThat(UserAgent.location(new UserAgent(PROVIDER, address()).submitLogin(username, PASSWORD)))
			.doesNotContain("/login?");
		new UserAgent(PROVIDER, address()).submitLogin(username, "wrong");
		assertThat(UserAgent.location(new UserAgent(PROVIDER, address()).submitLogin(username, PASSWORD)))
			.doesNotContain("/login?");
	}

	private String newUser() {
		String username = "user-" + UUID.randomUUID();
		this.users.create(new UserAccount(username, this.passwords.encode(PASSWORD), true, Map.of()));
		return username;
	}

	/** A fresh documentation-range address (RFC 3849), only ever sent as a header. */
	private static String address() {
		return "2001:db8::" + Integer.toHexString(NEXT_ADDRESS.incrementAndGet());
	}

}
