package dev.failsafe.idp.replication.hazelcast;

import com.hazelcast.config.Config;

/**
 * Adjusts the member's configuration before it starts; every bean of this type runs, in
 * {@link org.springframework.core.Ordered} order. The key ring contributes one that makes the cluster
 * name secret (see {@code KeyRingAutoConfiguration}).
 */
@FunctionalInterface
public interface HazelcastMemberCustomizer {

	void customize(Config config);

}
