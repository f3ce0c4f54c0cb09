package dev.failsafe.idp.server.users;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;

/**
 * Stores a user's password rehashed at the current setting (bcrypt to Argon2id, or Argon2id at a
 * raised cost) right after a successful sign-in, when Spring Security's {@code
 * DaoAuthenticationProvider} finds the stored hash outdated. The update is a compare-and-set on the
 * hash that was checked ({@code UPDATE users SET password_hash = new WHERE username = ? AND
 * password_hash = old}), so it never overwrites a password an administrator set meanwhile.
 * Counted in {@code idp_password_upgrades_total}.
 */
public final class PasswordUpgrades implements UserDetailsPasswordService {

	/** The counter of rehashed passwords. */
	public static final String METRIC = "idp.password.upgrades";

	private static final Logger log = LoggerFactory.getLogger(PasswordUpgrades.class);

	private final JdbcClient jdbc;

	private final Counter upgrades;

	public PasswordUpgrades(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.upgrades = Counter.builder(METRIC)
			.description("Users' passwords rehashed at the current setting after a successful sign-in")
			.register(meters);
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		int updated = this.jdbc.sql("UPDATE users SET password_hash = ? WHERE username = ? AND password_hash = ?")
			.params(newPassword, user.getUsername(), user.getPassword())
			.update();
		if (updated == 0) {
			log.info("Password hash of user {} not upgraded: it changed since the sign-in checked it", user.getUsername());
			return user;
		}
		this.upgrades.increment();
		log.info("Password hash of user {} upgraded to the current setting", user.getUsername());
		return User.withUserDetails(user).password(newPassword).build();
	}

}
