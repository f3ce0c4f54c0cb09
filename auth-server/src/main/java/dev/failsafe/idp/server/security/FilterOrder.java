package dev.failsafe.idp.server.security;

import jakarta.servlet.Filter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Where each of our servlet filters runs, all in one place; every filter registration uses
 * {@link #register}. Around them: Spring Boot's character encoding filter first
 * ({@code HIGHEST_PRECEDENCE}, before anything reads a parameter) and its observation filter
 * ({@code HIGHEST_PRECEDENCE + 1}, so every answer is in {@code http.server.requests}), Spring Session's filter at
 * {@code SessionRepositoryFilter.DEFAULT_ORDER}, Spring Security's filter chains (in
 * {@link ChainOrder}) at {@code -100}. {@code FilterOrderTest} asserts the order the container runs
 * them in.
 */
public enum FilterOrder {

	/** The request id, so that every log line of the request carries it. */
	REQUEST_ID(Ordered.HIGHEST_PRECEDENCE + 2),

	/** Refuses requests to the protocol endpoints that cannot be protocol requests, before anything else reads them. */
	ENDPOINT_GUARD(Ordered.HIGHEST_PRECEDENCE + 3),

	/** CORS for browser clients, after the guard (which lets OPTIONS through) and before Spring Security. */
	BROWSER_CORS(Ordered.HIGHEST_PRECEDENCE + 4),

	/**
	 * The JWKS, answered from bytes made once per change of the keys: after CORS (so a browser's
	 * request gets its CORS headers) and before everything else.
	 */
	JWKS(Ordered.HIGHEST_PRECEDENCE + 5),

	/** Outside Spring Session's filter, so it sees a session read or save that the store could not serve. */
	STORE_UNAVAILABLE(SessionRepositoryFilter.DEFAULT_ORDER - 1);

	private final int order;

	FilterOrder(int order) {
		this.order = order;
	}

	/** The servlet filter order. */
	public int order() {
		return this.order;
	}

	/** Registers {@code filter} at this place. */
	public <F extends Filter> FilterRegistrationBean<F> register(F filter) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(this.order);
		return registration;
	}

}
