package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.failsafe.idp.testing.signin.UserAgent;
import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

import static dev.failsafe.idp.server.hostile.FuzzInputs.NASTY;
import static dev.failsafe.idp.server.hostile.FuzzInputs.abbreviate;
import static dev.failsafe.idp.server.hostile.FuzzInputs.hasInternals;
import static dev.failsafe.idp.server.hostile.FuzzInputs.pick;
import static dev.failsafe.idp.server.hostile.FuzzInputs.randomText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form with a valid CSRF token and random input: usernames and passwords of any size and
 * character, from a few addresses (X-Forwarded-For from the trusted proxy, sometimes malformed), one
 * account guessed at over and over. Every answer is a redirect back to the login page or a 429 with
 * {@code Retry-After} and the wait on the page; never a 5xx or internals; and the guessed account's
 * owner still signs in from an address of their own. Seeded and bounded.
 */
class LoginFormFuzzTest extends HostileInputSupport {

	private static final int SUBMISSIONS = 120;

	private static final String PASSWORD = "owners-own-password";

	@Autowired
	private UserDirectory users;

	@Autowired
	private PasswordEncoder passwords;

	@Test
	void loginFormWhenRandomSubmissionsThenRedirectOr429NeverServerErrorAndOwnerStillSignsIn() {
		String victim = "fuzz-victim-" + UUID.randomUUID();
		this.users.create(new UserAccount(victim, this.passwords.encode(PASSWORD), true, Map.of()));
		// Never the suite's own address (the trusted proxy's, what an empty header leaves): its budget is
		// every other test's.
		List<String> addresses = List.of("2001:db8:f0::1", "2001:db8:f0::2", "198.51.100.7", "not-an-address",
				"2001:db8:f1::1, 203.0.113.9", "2001:db8:f2::1");
		Random random = new Random(20_260_102L);
		List<String> failures = new ArrayList<>();
		int throttled = 0;
		for (int i = 0; i < SUBMISSIONS; i++) {
			String username = switch (random.nextInt(4)) {
				case 0 -> victim;
				case 1 -> randomText(random, random.nextInt(300));
				case 2 -> pick(random, NASTY);
				default -> "x".repeat(random.nextInt(5000));
			};
			String password = (random.nextInt(3) == 0) ? pick(random, NASTY) : randomText(random, random.nextInt(500));
			HttpResponse<String> response = new UserAgent(PROVIDER, pick(random, addresses)).submitLogin(username,
					password);
			int status = response.statusCode();
			if (status == 429) {
				throttled++;
			}
			boolean expected = (status == 302 && UserAgent.location(response).contains("/login?"))
					|| (status == 429 && response.headers().firstValue("Retry-After").isPresent()
							&& response.body().contains("id=\"throttled\""));
			if (!expected || hasInternals(response.body())) {
				failures.add("user=" + abbreviate(username) + " -> " + status + " " + abbreviate(response.body()));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(throttled).as("the fuzz reached the limits").isPositive();
		assertThat(UserAgent.location(new UserAgent(PROVIDER, "2001:db8:f9::1").submitLogin(victim, PASSWORD)))
			.as("the owner, from an address of their own").doesNotContain("/login");
	}

}
