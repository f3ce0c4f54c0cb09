package dev.failsafe.idp.server.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Applies {@code idp.crypto.provider} once the configuration is read and logging is set up, before
 * any bean exists, so every key, signature and digest the provider makes uses the chosen JCA
 * provider; logs which provider signs. Registered in {@code META-INF/spring.factories}.
 */
public final class JcaProviderSetup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(JcaProviderSetup.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		CryptoProperties properties = Binder.get(event.getEnvironment())
			.bindOrCreate("idp.crypto", Bindable.of(CryptoProperties.class));
		JcaProviders.Outcome outcome = new JcaProviders().apply(properties.provider());
		if (outcome.fallbackReason() != null) {
			logger.warn(outcome.describe());
		}
		else {
			logger.info(outcome.describe());
		}
	}

	@Override
	public int getOrder() {
		// After LoggingApplicationListener, so the line goes to the configured (JSON) log.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
