package dev.failsafe.idp.server.login;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.replication.testing.RedisTestConnections;
import dev.failsafe.idp.replication.throttling.RedisLoginAttemptStore;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Throttling fails closed: when the shared counters (a real Redis) cannot be reached, the right
 * password is not even checked and the login is refused as "try again", never let through
 * unthrottled.
 */
class ThrottledAuthenticationProviderTest {

	private static final LoginProperties LIMITS = new LoginProperties(5, 20, 20, Duration.ofMinutes(15), 100);

	@Test
	void authenticateWhenCountersUnreachableThenRefusedAsUnavailableBeforeThePasswordCheck() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
				User.withUsername("alice").password(encoder.encode("right-password")).build()));
		passwords.setPasswordEncoder(encoder);
		AtomicInteger checked = new AtomicInteger();
		AuthenticationProvider counting = new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				checked.incrementAndGet();
				return passwords.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return passwords.supports(authentication);
			}

		};
		try (RedisServer redis = RedisServer.start()) {
			LettuceConnectionFactory connections = RedisTestConnections.dedicated(redis, Duration.ofSeconds(1));
			try {
				ThrottledAuthenticationProvider provider = new ThrottledAuthenticationProvider(counting,
						new LoginThrottle(new RedisLoginAttemptStore(new RedisCalls(connections)), LIMITS,
								Clock.systemUTC()));
				assertThat(provider.authenticate(login("right-password")).isAuthenticated()).isTrue();
				assertThat(checked).hasValue(1);

				redis.kill();
				assertThatExceptionOfType(AuthenticationServiceException.class)
					.isThrownBy(() -> provider.authenticate(login("right-password")))
					.withCauseInstanceOf(StoreUnavailableException.class);
				assertThat(checked).as("the password was not checked").hasValue(1);
			}
			finally {
				connections.destroy();
			}
		}
	}

	private static UsernamePasswordAuthenticationToken login(String password) {
		return UsernamePasswordAuthenticationToken.unauthenticated("alice", password);
	}

}
