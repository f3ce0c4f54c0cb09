package dev.failsafe.idp.replication.keyring;

import com.hazelcast.core.HazelcastInstance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberCustomizer;

/**
 * The key ring: its key-encryption key, the vault that creates and opens keys, this member's ring
 * file and the replicated {@link KeyRing}, which trusts only entries that authenticate under the KEK.
 * It also makes the Hazelcast cluster name secret ({@link ClusterNameSecret}), so only holders of the
 * KEK can join. Token lifetimes and key retention are the application's.
 */
@AutoConfiguration(after = HazelcastMemberAutoConfiguration.class)
@ConditionalOnClass(HazelcastInstance.class)
@EnableConfigurationProperties(KeyRingProperties.class)
public final class KeyRingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KeyEncryptionKey keyEncryptionKey(KeyRingProperties properties, Environment environment) {
		// A member of a cluster must share the others' KEK: generating its own would leave it unable to
		// open the keys they created. Only a member running alone may generate one.
		boolean clustered = !Binder.get(environment)
			.bind("idp.hazelcast.members", Bindable.listOf(String.class))
			.orElse(List.of())
			.isEmpty();
		// The environment includes the process environment, where the variable normally lives.
		return KeyEncryptionKeySource.resolve(properties.kekVariable(),
				environment.getProperty(properties.kekVariable()), properties.kekFile(),
				properties.generateKek() && !clustered);
	}

	/** The cluster name members use: the configured one plus a tag only holders of the KEK can compute. */
	@Bean
	HazelcastMemberCustomizer clusterNameSecret(KeyEncryptionKey keyEncryptionKey) {
		return (config) -> config.setClusterName(ClusterNameSecret.of(config.getClusterName(), keyEncryptionKey));
	}

	@Bean
	@ConditionalOnMissingBean
	RingEntryCodec ringEntryCodec(KeyEncryptionKey keyEncryptionKey) {
		return new RingEntryCodec(keyEncryptionKey);
	}

	@Bean
	@ConditionalOnMissingBean
	RefusedEntries refusedRingEntries(ObjectProvider<MeterRegistry> registry) {
		return new RefusedEntries(registry.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	SigningKeyVault signingKeyVault(KeyEncryptionKey keyEncryptionKey) {
		return new SigningKeyVault(keyEncryptionKey);
	}

	@Bean
	@ConditionalOnMissingBean
	LocalRingFile localRingFile(KeyRingProperties properties, KeyEncryptionKey keyEncryptionKey) {
		return new LocalRingFile(properties.ringFile(), keyEncryptionKey);
	}

	@Bean
	@ConditionalOnMissingBean(KeyRing.class)
	@ConditionalOnBean(HazelcastInstance.class)
	HazelcastKeyRing keyRing(HazelcastInstance hazelcastInstance, LocalRingFile localRingFile, RingEntryCodec codec,
			RefusedEntries refused, KeyRingProperties properties) {
		return new HazelcastKeyRing(hazelcastInstance, localRingFile, codec, refused, properties.repairInterval());
	}

}
