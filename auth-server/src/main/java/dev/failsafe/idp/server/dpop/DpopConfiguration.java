package dev.failsafe.idp.server.dpop;

import java.time.Clock;
import java.util.List;

import dev.failsafe.idp.replication.onetime.OneTimeUse;
import dev.failsafe.idp.server.tokens.TokenProperties;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.security.FilterOrder;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** DPoP (RFC 9449): proofs used once across every node and site. */
@Configuration(proxyBeanMethods = false)
class DpopConfiguration {

	/** The algorithms a DPoP proof may be signed with (discovery's {@code dpop_signing_alg_values_supported}). */
	static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");

	/** Before Spring Security, at the token endpoint and the UserInfo endpoint. */
	@Bean
	FilterRegistrationBean<DpopReplayGuard> dpopReplayGuard(OneTimeUse uses, Clock clock, TokenProperties tokens,
			AuthorizationServerSettings endpoints, ProtocolErrorResponder errors) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return FilterOrder.DPOP_REPLAY_GUARD.register(new DpopReplayGuard(uses, clock, tokens.clockSkew(),
				paths.matcher(HttpMethod.POST, endpoints.getTokenEndpoint()),
				paths.matcher(endpoints.getOidcUserInfoEndpoint()), errors));
	}

}
