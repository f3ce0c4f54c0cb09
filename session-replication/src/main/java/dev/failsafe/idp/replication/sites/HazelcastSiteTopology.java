package dev.failsafe.idp.replication.sites;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.partition.Partition;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberConfig;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;

/**
 * The cluster as Hazelcast sees it: members with their {@code site} attribute, and where each key of
 * the ring map has its primary and backup copies.
 *
 * <p>Open-source Hazelcast's public API names only a partition's owner; backup replicas are read
 * from its internal partition table. Should that internal API change, backups are reported empty
 * rather than failing the call.
 */
public final class HazelcastSiteTopology implements SiteTopology {

	private final HazelcastInstance hazelcast;

	public HazelcastSiteTopology(HazelcastInstance hazelcast) {
		this.hazelcast = hazelcast;
	}

	@Override
	public SitesStatus status() {
		com.hazelcast.cluster.Member self = this.hazelcast.getCluster().getLocalMember();
		List<SiteMember> members = this.hazelcast.getCluster()
			.getMembers()
			.stream()
			.map(member -> new SiteMember(address(member), member.getAttribute(HazelcastMemberConfig.SITE_ATTRIBUTE),
					member.localMember()))
			.sorted(Comparator.comparing(SiteMember::site).thenComparing(SiteMember::address))
			.toList();
		List<KeyPlacement> placements = new ArrayList<>();
		for (Object kid : this.hazelcast.getMap(HazelcastKeyRing.KEYS_MAP).keySet()) {
			Partition partition = this.hazelcast.getPartitionService().getPartition(kid);
			com.hazelcast.cluster.Member owner = partition.getOwner();
			placements.add(new KeyPlacement(String.valueOf(kid), partition.getPartitionId(),
					(owner != null) ? address(owner) : null, backups(partition.getPartitionId())));
		}
		placements.sort(Comparator.comparing(KeyPlacement::kid));
		return new SitesStatus(self.getAttribute(HazelcastMemberConfig.SITE_ATTRIBUTE), members, placements);
	}

	private List<String> backups(int partitionId) {
		try {
			InternalPartition partition = ((HazelcastInstanceProxy) this.hazelcast).getOriginal().node
				.getPartitionService()
				.getPartition(partitionId);
			List<String> backups = new ArrayList<>();
			for (int replica = 1; replica < InternalPartition.MAX_REPLICA_COUNT; replica++) {
				var address = partition.getReplicaAddress(replica);
				if (address != null) {
					backups.add(address.getHost() + ":" + address.getPort());
				}
			}
			return backups;
		}
		catch (RuntimeException | LinkageError ex) {
			return List.of();
		}
	}

	private static String address(com.hazelcast.cluster.Member member) {
		return member.getAddress().getHost() + ":" + member.getAddress().getPort();
	}

}
