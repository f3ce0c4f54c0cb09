package dev.failsafe.idp.replication.hazelcast;

import java.util.List;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.PartitionGroupConfig.MemberGroupType;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.spi.partitiongroup.PartitionGroupMetaData;
import com.hazelcast.spring.session.HazelcastSessionConfiguration;

/**
 * Turns {@link HazelcastMemberProperties} into a Hazelcast member {@link Config}.
 *
 * <p>Whatever the properties say, the member never talks to anything outside its cluster: phone
 * home, multicast and cloud auto-detection are off, and it joins only the members listed. Its one
 * endpoint is the member endpoint (advanced network configuration): there is no client endpoint, so
 * a Hazelcast client cannot connect at all. Java deserialization of what arrives is limited to the
 * {@link #DESERIALIZABLE} class-name prefixes (Hazelcast's own broader default list is off), so
 * nothing sent to the port can instantiate a deserialization gadget of another library. Log lines leave out the
 * cluster name (it may carry a secret, see {@link HazelcastMemberCustomizer}). It also registers the
 * serializers Spring Session's Hazelcast repository needs, so the same member can hold HTTP sessions.
 */
public final class HazelcastMemberConfig {

	/** The member attribute holding the site name. */
	public static final String SITE_ATTRIBUTE = "site";

	/**
	 * The only classes Java deserialization may instantiate, by name prefix: the JDK's values and
	 * collections, ours, and what Spring Session keeps in a session (Spring Security's context and
	 * saved requests). Arrays are allowed as such; their elements are checked one by one.
	 */
	public static final List<String> DESERIALIZABLE = List.of("[", "java.lang.", "java.util.", "java.time.",
			"java.net.", "dev.failsafe.idp.", "com.hazelcast.", "org.springframework.security.",
			"org.springframework.session.", "org.springframework.util.");

	private HazelcastMemberConfig() {
	}

	public static Config from(HazelcastMemberProperties properties) {
		Config config = new Config();
		config.setClusterName(properties.clusterName());
		// The network is closed and no member may call out: never phone home.
		config.setProperty("hazelcast.phone.home.enabled", "false");
		config.setProperty("hazelcast.logging.type", "slf4j");
		// Hazelcast prefixes its log lines with the cluster name; keep it out of the logs.
		config.setProperty("hazelcast.logging.details.enabled", "false");
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
		configureNetwork(config.getAdvancedNetworkConfig(), properties);
		HazelcastSessionConfiguration.applySerializationConfig(config);
		JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig()
			// Only this list: Hazelcast's default list would admit every java.* and javax.* class.
			.setDefaultsDisabled(true);
		filter.getWhitelist().addPrefixes(DESERIALIZABLE.toArray(String[]::new));
		config.getSerializationConfig().setJavaSerializationFilterConfig(filter);
		return config;
	}

	private static void configureNetwork(AdvancedNetworkConfig network, HazelcastMemberProperties properties) {
		// The member endpoint only: without a client endpoint no Hazelcast client can connect.
		ServerSocketEndpointConfig member = new ServerSocketEndpointConfig();
		member.setPort(properties.port()).setPortAutoIncrement(true);
		member.getInterfaces().setEnabled(true).setInterfaces(List.of(properties.bindAddress()));
		network.setEnabled(true).setMemberEndpointConfig(member);
		JoinConfig join = network.getJoin();
		join.getMulticastConfig().setEnabled(false);
		// Auto-detection would probe cloud metadata endpoints: off, a member joins only what it is told.
		join.getAutoDetectionConfig().setEnabled(false);
		join.getTcpIpConfig().setEnabled(!properties.members().isEmpty()).setMembers(properties.members());
	}

}
