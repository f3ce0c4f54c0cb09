package dev.failsafe.idp.replication.hazelcast;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.PartitionGroupConfig.MemberGroupType;
import com.hazelcast.spi.partitiongroup.PartitionGroupMetaData;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.spring.session.HazelcastSessionConfiguration;

/**
 * Turns {@link HazelcastMemberProperties} into a Hazelcast member {@link Config}.
 *
 * <p>Whatever the properties say, the member never talks to anything outside its cluster: phone
 * home, multicast and cloud auto-detection are off, and it joins only the members listed. It also
 * registers the serializers Spring Session's Hazelcast repository needs, so the same member can hold
 * HTTP sessions.
 */
public final class HazelcastMemberConfig {

	/** The member attribute holding the site name. */
	public static final String SITE_ATTRIBUTE = "site";

	private HazelcastMemberConfig() {
	}

	public static Config from(HazelcastMemberProperties properties) {
		Config config = new Config();
		config.setClusterName(properties.clusterName());
		// The network is closed and no member may call out: never phone home.
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.logging.type", "slf4j");
		// The application context owns the member: Hazelcast's own JVM hook would stop it while the
		// beans that use it are still shutting down.
		config.setProperty("hazelcast.shutdownhook.enabled", "false");
		// Bind only the configured address, never the wildcard.
		config.setProperty("hazelcast.socket.bind.any", "false");
		config.getMemberAttributeConfig().setAttribute(SITE_ATTRIBUTE, properties.site());
		config.setProperty("hazelcast.max.no.heartbeat.seconds",
				String.valueOf(properties.failureDetectionTimeout().toSeconds()));
		// Hazelcast waits five minutes before its first look for lost members; a healed link should
		// reunite the key ring as soon as a regular check would.
		String mergeSeconds = String.valueOf(properties.mergeCheckInterval().toSeconds());
		config.setProperty("hazelcast.merge.first.run.delay.seconds", mergeSeconds);
		config.setProperty("hazelcast.merge.next.run.delay.seconds", mergeSeconds);
		if (!properties.members().isEmpty()) {
			// Partition groups by site: a backup never sits in the same site as its primary, so losing
			// a whole site loses no entry. (A member alone has no backups to place.)
			config.getMemberAttributeConfig()
				.setAttribute(PartitionGroupMetaData.PARTITION_GROUP_ZONE, properties.site());
			config.getPartitionGroupConfig().setEnabled(true).setGroupType(MemberGroupType.ZONE_AWARE);
		}
		// Replicated state is written with one synchronous backup: a write returns once the backup
		// (in another site, see above) holds it.
		config.getMapConfig("idp.*").setBackupCount(1).setAsyncBackupCount(0);
		configureNetwork(config.getNetworkConfig(), properties);
		HazelcastSessionConfiguration.applySerializationConfig(config);
		return config;
	}

	private static void configureNetwork(NetworkConfig network, HazelcastMemberProperties properties) {
		network.setPort(properties.port()).setPortAutoIncrement(true);
		network.getInterfaces().setEnabled(true).setInterfaces(List.of(properties.bindAddress()));
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		// Auto-detection would probe cloud metadata endpoints: off, a member joins only what it is told.
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(!properties.members().isEmpty()).setMembers(properties.members());
	}

}
