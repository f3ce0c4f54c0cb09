package dev.failsafe.idp.server.security;

import java.util.List;

import dev.failsafe.idp.server.endpoints.EndpointRequestGuard;
import dev.failsafe.idp.server.keys.JwksEndpoint;
import dev.failsafe.idp.server.observability.RequestIdFilter;
import dev.failsafe.idp.server.pages.StoreUnavailableResponses;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet filters run in the order {@link FilterOrder} gives them, each at a place of its own,
 * between Spring Boot's character encoding and observation filters and Spring Security: as the container will run
 * them, read from the registrations it is given. Spring Security's chains are tried in
 * {@link ChainOrder}.
 */
class FilterOrderTest extends ProviderIntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void registeredFiltersWhenSortedThenInFilterOrderEachAtItsOwnPlace() {
		List<AbstractFilterRegistrationBean<?>> registrations = new ServletContextInitializerBeans(this.context)
			.stream()
			.filter(AbstractFilterRegistrationBean.class::isInstance)
			.<AbstractFilterRegistrationBean<?>>map(AbstractFilterRegistrationBean.class::cast)
			.toList();
		List<Class<?>> expected = List.of(CharacterEncodingFilter.class, ServerHttpObservationFilter.class,
				RequestIdFilter.class, EndpointRequestGuard.class, CorsFilter.class, JwksEndpoint.class,
				StoreUnavailableResponses.class, SessionRepositoryFilter.class, DelegatingFilterProxy.class);
		List<Class<?>> filters = registrations.stream()
			.map(FilterOrderTest::filterClass)
			.<Class<?>>map(filter -> expected.stream().filter(kind -> kind.isAssignableFrom(filter)).findFirst().orElse(filter))
			.toList();

		assertThat(filters).containsSubsequence(expected);
		List<Integer> ours = registrations.stream()
			.filter(registration -> isOurs(filterClass(registration)))
			.map(AbstractFilterRegistrationBean::getOrder)
			.toList();
		assertThat(ours).containsExactly(FilterOrder.REQUEST_ID.order(), FilterOrder.ENDPOINT_GUARD.order(),
				FilterOrder.BROWSER_CORS.order(), FilterOrder.JWKS.order(),
				FilterOrder.STORE_UNAVAILABLE.order());
		List<Integer> orders = registrations.stream().map(AbstractFilterRegistrationBean::getOrder).toList();
		for (int order : ours) {
			assertThat(orders).as("filters at order %d", order).containsOnlyOnce(order);
		}
	}

	@Test
	void securityFilterChainsWhenMatchedThenInChainOrder() {
		FilterChainProxy security = this.context.getBean(FilterChainProxy.class);

		assertThat(security.getFilterChains()).containsExactly(
				this.context.getBean("metricsFilterChain", SecurityFilterChain.class),
				this.context.getBean("adminFilterChain", SecurityFilterChain.class),
				this.context.getBean("authorizationServerFilterChain", SecurityFilterChain.class),
				this.context.getBean("pagesFilterChain", SecurityFilterChain.class));
	}

	private static boolean isOurs(Class<?> filter) {
		return filter.getName().startsWith("dev.failsafe.") || filter == CorsFilter.class;
	}

	private static Class<?> filterClass(AbstractFilterRegistrationBean<?> registration) {
		Filter filter = registration.getFilter();
		return (filter != null) ? filter.getClass() : Void.class;
	}

}
