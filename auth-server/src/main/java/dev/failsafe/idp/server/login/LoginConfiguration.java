package dev.failsafe.idp.server.login;

import java.time.Clock;

import dev.failsafe.idp.replication.throttling.BoundedLoginAttemptStore;
import dev.failsafe.idp.replication.throttling.LoginAttemptStore;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.PagesCustomizer;
import dev.failsafe.idp.server.sessions.SessionIds;
import dev.failsafe.idp.server.users.PasswordUpgrades;
import dev.failsafe.idp.server.users.UserDirectory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/** The login form with its throttling, and the users' login sessions. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

	/**
	 * Over the shared store when one is configured (with Redis, {@code RedisLoginAttemptStore}), else
	 * over this node's memory, bounded by {@code idp.login.max-tracked-keys}.
	 */
	@Bean
	LoginThrottle loginThrottle(ObjectProvider<LoginAttemptStore> shared, LoginProperties properties, Clock clock) {
		LoginAttemptStore store = shared
			.getIfAvailable(() -> new BoundedLoginAttemptStore(properties.maxTrackedKeys()));
		return new LoginThrottle(store, properties, clock);
	}

	@Bean
	LoginSessions loginSessions(FindByIndexNameSessionRepository<?> sessions, Clock clock) {
		return new LoginSessions(sessions, clock);
	}

	/**
	 * OpenID Connect sessions (the {@code sid} claim, logout) are looked up in the replicated
	 * session store, so they are the same at every node and site.
	 */
	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

	/**
	 * The login form: a password check behind the throttle, every outcome counted, the browser
	 * session's sid in the sign-in's details.
	 */
	@Bean
	PagesCustomizer loginForm(UserDirectory users, PasswordEncoder passwords, PasswordUpgrades passwordUpgrades,
			LoginThrottle throttle, MeterRegistry meters) {
		DaoAuthenticationProvider passwordCheck = new DaoAuthenticationProvider(users);
		passwordCheck.setPasswordEncoder(passwords);
		passwordCheck.setUserDetailsPasswordService(passwordUpgrades);
		LoginOutcomes outcomes = new LoginOutcomes(meters);
		return http -> http
			.authorizeHttpRequests(
					authorize -> authorize.requestMatchers(LoginPage.PATH, LoginPage.THROTTLED_PATH).permitAll())
			.authenticationManager(new ProviderManager(new ThrottledAuthenticationProvider(passwordCheck, throttle)))
			.formLogin(form -> form.loginPage(LoginPage.PATH)
				.authenticationDetailsSource(new SessionIds())
				.successHandler(outcomes)
				.failureHandler(outcomes));
	}

	/** A user who is not signed in is sent from the authorization endpoint to the login page. */
	@Bean
	AuthorizationServerCustomizer signInAtAuthorizationEndpoint(AuthorizationServerSettings endpoints) {
		return (server, http) -> http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
				new LoginUrlAuthenticationEntryPoint(LoginPage.PATH),
				PathPatternRequestMatcher.withDefaults().matcher(endpoints.getAuthorizationEndpoint())));
	}

}
