package dev.failsafe.idp.replication.sites;

import java.util.List;

/** Where the replicated state lives right now, for operators ({@code sites status}). */
public interface SiteTopology {

	SitesStatus status();

	/**
	 * @param localSite the site of the member answering
	 * @param members every member of the cluster, with its site
	 * @param keyRing for each key-ring entry, the member holding its primary copy and those holding
	 * its backups
	 */
	record SitesStatus(String localSite, List<SiteMember> members, List<KeyPlacement> keyRing) {

		public SitesStatus {
			members = List.copyOf(members);
			keyRing = List.copyOf(keyRing);
		}

	}

	/**
	 * @param address {@code host:port}
	 * @param site the member's site attribute
	 * @param local whether this is the member answering
	 */
	record SiteMember(String address, String site, boolean local) {
	}

	/**
	 * @param kid the key's kid
	 * @param partition the partition holding it
	 * @param primary the address of the primary copy, or null while the partition is migrating
	 * @param backups the addresses of the backup copies (empty when the cluster has no other member)
	 */
	record KeyPlacement(String kid, int partition, String primary, List<String> backups) {

		public KeyPlacement {
			backups = List.copyOf(backups);
		}

	}

}
