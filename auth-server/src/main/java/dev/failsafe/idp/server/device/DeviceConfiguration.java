package dev.failsafe.idp.server.device;

import dev.failsafe.idp.server.login.LoginPage;
import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.security.AuthorizationServerCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The device grant (RFC 8628): devices show our {@code /device} page; the user, signed in, approves
 * each device on the consent page ({@code consent} sets where that is).
 */
@Configuration(proxyBeanMethods = false)
class DeviceConfiguration {

	@Bean
	AuthorizationServerCustomizer deviceGrant(ProtocolErrorResponder errors, AuthorizationServerSettings endpoints) {
		DeviceVerificationOutcomes outcomes = new DeviceVerificationOutcomes();
		return (server, http) -> {
			server
				.deviceAuthorizationEndpoint(device -> device.errorResponseHandler(errors)
					.verificationUri(DeviceVerificationOutcomes.verificationUri()))
				.deviceVerificationEndpoint(verification -> verification.deviceVerificationResponseHandler(outcomes)
					.errorResponseHandler(outcomes)
					.authenticationProviders(providers -> providers.forEach(provider -> {
						if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider verificationProvider) {
							verificationProvider.setAuthorizationConsentRequired(context -> true);
						}
					})));
			http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint(LoginPage.PATH),
					PathPatternRequestMatcher.withDefaults().matcher(endpoints.getDeviceVerificationEndpoint())));
		};
	}

}
