package dev.failsafe.idp.replication.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts the embedded Hazelcast member that holds the replicated state.
 *
 * <p>Runs before Spring Boot's own Hazelcast auto-configuration (when {@code spring-boot-hazelcast}
 * is present), which then backs off: there is exactly one member per application. An application
 * that declares its own {@link HazelcastInstance} replaces this one; {@link HazelcastMemberCustomizer}
 * beans adjust the configuration first.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration")
@ConditionalOnClass(HazelcastInstance.class)
@EnableConfigurationProperties(HazelcastMemberProperties.class)
public final class HazelcastMemberAutoConfiguration {

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(HazelcastInstance.class)
	HazelcastInstance hazelcastInstance(HazelcastMemberProperties properties,
			ObjectProvider<HazelcastMemberCustomizer> customizers) {
		Config config = HazelcastMemberConfig.from(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
		return Hazelcast.newHazelcastInstance(config);
	}

}
