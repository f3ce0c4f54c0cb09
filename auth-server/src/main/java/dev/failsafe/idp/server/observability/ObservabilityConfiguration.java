package dev.failsafe.idp.server.observability;

import dev.failsafe.idp.server.security.FilterOrder;
import dev.failsafe.idp.server.security.PagesCustomizer;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Request ids, and the health probes open to load balancers and Kubernetes. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		return FilterOrder.REQUEST_ID.register(new RequestIdFilter());
	}

	@Bean
	PagesCustomizer healthProbes() {
		return http -> http.authorizeHttpRequests(authorize -> authorize
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
			.permitAll());
	}

}
