package dev.failsafe.idp.replication.session;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.SessionRepositoryFilter;

/** Spring Session's filter over whichever {@code SessionRepository} the context holds. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(SessionRepositoryFilter.class)
@EnableSpringHttpSession
public final class SessionRepositoryFilterConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "sessionRepositoryFilterRegistration")
	FilterRegistrationBean<SessionRepositoryFilter<?>> sessionRepositoryFilterRegistration(
			SessionRepositoryFilter<?> filter) {
		FilterRegistrationBean<SessionRepositoryFilter<?>> registration = new FilterRegistrationBean<>(filter);
		// Error pages and async dispatches must see the same session as the request.
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.ASYNC, DispatcherType.ERROR,
				DispatcherType.REQUEST));
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
		return registration;
	}

}
