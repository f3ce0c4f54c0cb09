package dev.failsafe.idp.replication.keyring;

import java.util.Arrays;
import java.util.Base64;

/**
 * The Hazelcast cluster name members really use: the configured name plus a tag derived from the
 * KEK (HKDF label {@value #PURPOSE}, 128 bits, base64url). Open-source Hazelcast admits a member on
 * its cluster name alone; with this tag only a process holding the KEK knows the name, so a process
 * that merely reaches the port (another user of the machine, a pod allowed by a network policy,
 * anyone who read a values file) cannot join. The name crosses the network in clear text in join
 * requests, which is one reason member traffic between sites must run in an encrypted tunnel.
 */
public final class ClusterNameSecret {

	/** The HKDF label of the tag. */
	public static final String PURPOSE = "failsafe-id hazelcast cluster-name v1";

	private static final int TAG_BYTES = 16;

	private ClusterNameSecret() {
	}

	/** {@code configuredName-tag}. */
	public static String of(String configuredName, KeyEncryptionKey kek) {
		byte[] derived = kek.derive(PURPOSE);
		try {
			return configuredName + "-"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(derived, TAG_BYTES));
		}
		finally {
			Arrays.fill(derived, (byte) 0);
		}
	}

}
