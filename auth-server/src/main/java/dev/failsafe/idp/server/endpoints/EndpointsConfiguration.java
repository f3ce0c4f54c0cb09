package dev.failsafe.idp.server.endpoints;

import java.util.List;
import java.util.Set;

import dev.failsafe.idp.server.protocol.MetadataPaths;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;
import dev.failsafe.idp.server.security.FilterOrder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.util.unit.DataSize;

/** What every protocol endpoint refuses before Spring's own checks. */
@Configuration(proxyBeanMethods = false)
class EndpointsConfiguration {

	/**
	 * Runs after the request id (so its errors are logged with one) and before Spring Security. The
	 * form size limit is the container's, so a body too large to parse is refused before parsing.
	 */
	@Bean
	FilterRegistrationBean<EndpointRequestGuard> endpointRequestGuard(AuthorizationServerSettings endpoints,
			ProtocolErrorResponder errors, @Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize maxFormSize) {
		Set<HttpMethod> post = Set.of(HttpMethod.POST);
		Set<HttpMethod> get = Set.of(HttpMethod.GET);
		Set<HttpMethod> getOrPost = Set.of(HttpMethod.GET, HttpMethod.POST);
		Set<HttpMethod> getOrHead = Set.of(HttpMethod.GET, HttpMethod.HEAD);
		List<EndpointRequestGuard.Rule> rules = List.of(
				new EndpointRequestGuard.Rule(endpoints.getTokenEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getTokenIntrospectionEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getTokenRevocationEndpoint(), post, true),
				new EndpointRequestGuard.Rule(endpoints.getAuthorizationEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getOidcUserInfoEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getOidcLogoutEndpoint(), getOrPost, false),
				new EndpointRequestGuard.Rule(endpoints.getJwkSetEndpoint(), getOrHead, false),
				new EndpointRequestGuard.Rule(MetadataPaths.OIDC_DISCOVERY, get, false),
				new EndpointRequestGuard.Rule(MetadataPaths.OAUTH2_METADATA, get, false));
		return FilterOrder.ENDPOINT_GUARD
			.register(new EndpointRequestGuard(rules, maxFormSize.toBytes(), errors));
	}

	/** One client authentication method per request, checked before Spring's converters pick one. */
	@Bean
	AuthorizationServerCustomizer singleClientAuthenticationMethod() {
		return (server, http) -> server.clientAuthentication(clientAuthentication -> clientAuthentication
			.authenticationConverters(converters -> converters.add(0, new SingleClientAuthenticationMethod())));
	}

}
