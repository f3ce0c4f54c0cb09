package dev.failsafe.idp.server.backchannel;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.server.ProviderProperties;
import dev.failsafe.idp.server.security.ProviderMetadataCustomizer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Back-channel logout over whichever replicated store is configured, advertised in discovery. */
@Configuration(proxyBeanMethods = false)
class BackChannelLogoutConfiguration {

	/** Its part of discovery, applied after the metadata feature's. */
	@Bean
	ProviderMetadataCustomizer backChannelLogoutDiscovery() {
		return new BackChannelLogoutDiscovery();
	}

	@Bean
	DeliveryWorker backChannelLogoutWorker(LogoutDeliveryStore store, RegisteredClientRepository clients,
			JwtEncoder encoder, ProviderProperties provider, BackChannelLogoutProperties settings, Clock clock,
			MeterRegistry meters) {
		return new DeliveryWorker(store, clients,
				new LogoutTokens(encoder, provider.issuer().toString(), settings.tokenTtl(), clock),
				new LogoutTokenPost(settings.connectTimeout(), settings.requestTimeout()),
				new Backoff(settings, () -> ThreadLocalRandom.current().nextDouble()), settings, clock, meters);
	}

	@Bean
	BackChannelLogout backChannelLogout(LogoutDeliveryStore store, RegisteredClientRepository clients,
			BackChannelLogoutProperties settings, Clock clock, DeliveryWorker worker, MeterRegistry meters) {
		return new BackChannelLogout(store, clients, settings, clock, worker::wake, meters);
	}

}
