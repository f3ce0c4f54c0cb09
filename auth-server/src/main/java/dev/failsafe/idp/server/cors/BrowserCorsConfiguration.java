package dev.failsafe.idp.server.cors;

import java.util.List;

import dev.failsafe.idp.server.protocol.MetadataPaths;
import dev.failsafe.idp.server.security.FilterOrder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.CorsFilter;

/** CORS for the endpoints a browser-based public client calls from JavaScript. */
@Configuration(proxyBeanMethods = false)
class BrowserCorsConfiguration {

	/**
	 * After the endpoint guard (which lets {@code OPTIONS} through) and before Spring Security, so a
	 * preflight is answered without authentication.
	 */
	@Bean
	FilterRegistrationBean<CorsFilter> browserClientCors(CorsProperties cors, AuthorizationServerSettings endpoints) {
		return FilterOrder.BROWSER_CORS.register(BrowserClientCors.filter(cors,
				List.of(endpoints.getTokenEndpoint(), endpoints.getTokenRevocationEndpoint(),
						endpoints.getOidcUserInfoEndpoint(), endpoints.getJwkSetEndpoint(), MetadataPaths.OIDC_DISCOVERY,
						MetadataPaths.OAUTH2_METADATA)));
	}

}
