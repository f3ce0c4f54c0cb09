package dev.failsafe.idp.replication.hazelcast;

import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Hazelcast members for tests: each in a cluster of its own (a random cluster name), bound to
 * 127.0.0.1, with phone home, multicast and every join off, so two never meet.
 */
public final class HazelcastTestMembers {

	private HazelcastTestMembers() {
	}

	/** The configuration of a lone test member. */
	public static Config standaloneConfig() {
		return HazelcastMemberConfig
			.from(HazelcastMemberProperties.defaults().withClusterName("test-" + UUID.randomUUID()));
	}

	/** A new lone member; the caller shuts it down. */
	public static HazelcastInstance standalone() {
		return Hazelcast.newHazelcastInstance(standaloneConfig());
	}

}
