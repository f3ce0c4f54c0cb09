package dev.failsafe.idp.server.users;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.failsafe.idp.server.testing.TestUsers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bcrypt hash from an earlier version is rehashed as Argon2id at the user's next successful
 * sign-in, and only then.
 */
class PasswordUpgradeTest extends ProviderIntegrationTest {

	@Autowired
	private UserDirectory users;

	@Autowired
	private PasswordEncoder passwords;

	@Autowired
	private PasswordUpgrades upgrades;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void signInWhenStoredAsBcryptThenSignedInAndStoredAsArgon2id() {
		String username = bcryptUser();
		double upgradesBefore = this.meters.counter(PasswordUpgrades.METRIC).count();

		HttpResponse<String> login = new UserAgent(PROVIDER).submitLogin(username, TestUsers.PASSWORD);

		assertThat(UserAgent.location(login)).doesNotContain("/login?");
		String stored = storedHash(username);
		assertThat(stored).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.passwords.matches(TestUsers.PASSWORD, stored)).isTrue();
		assertThat(this.meters.counter(PasswordUpgrades.METRIC).count()).isEqualTo(upgradesBefore + 1);
		// The upgraded hash works for the next sign-in, and is not rehashed again.
		assertThat(UserAgent.location(new UserAgent(PROVIDER).submitLogin(username, TestUsers.PASSWORD)))
			.doesNotContain("/login?");
		assertThat(storedHash(username)).isEqualTo(stored);
	}

	@Test
	void signInWhenBcryptUserGivesAWrongPasswordThenHashUnchanged() {
		String username = bcryptUser();
		String before = storedHash(username);

		HttpResponse<String> login = new UserAgent(PROVIDER).submitLogin(username, "wrong password");

		assertThat(UserAgent.location(login)).endsWith("/login?error");
		assertThat(storedHash(username)).isEqualTo(before);
	}

	@Test
	void updatePasswordWhenTheHashChangedMeanwhileThenTheNewerHashIsKept() {
		String username = bcryptUser();
		String checked = storedHash(username);
		String setByAdministrator = this.passwords.encode("a password an administrator set");
		this.jdbc.sql("UPDATE users SET password_hash = ? WHERE username = ?").params(setByAdministrator, username).update();

		this.upgrades.updatePassword(User.withUsername(username).password(checked).build(),
				this.passwords.encode(TestUsers.PASSWORD));

		assertThat(storedHash(username)).isEqualTo(setByAdministrator);
	}

	private String bcryptUser() {
		String username = "bcrypt-" + UUID.randomUUID();
		this.users.create(new UserAccount(username, "{bcrypt}" + new BCryptPasswordEncoder().encode(TestUsers.PASSWORD), true,
				Map.of("name", "Earlier Version")));
		return username;
	}

	private String storedHash(String username) {
		return this.users.find(username).orElseThrow().passwordHash();
	}

}
