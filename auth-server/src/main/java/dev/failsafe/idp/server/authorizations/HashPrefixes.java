package dev.failsafe.idp.server.authorizations;

import java.util.Set;

/**
 * An authorization's payload names each of its tokens by a prefix of the token's hash, the shortest
 * (at least {@value #MINIMUM} characters) that tells the record's hashes apart: the record keeps the
 * whole hashes anyway, for the store's lookups.
 */
final class HashPrefixes {

	static final int MINIMUM = 6;

	private HashPrefixes() {
	}

	/** The shortest prefix length, from {@link #MINIMUM}, at which no two of {@code hashes} agree. */
	static int length(Set<String> hashes) {
		int length = MINIMUM;
		while (!distinct(hashes, length)) {
			length++;
		}
		return length;
	}

	/** The one hash of {@code hashes} that starts with {@code prefix}. */
	static String resolve(String prefix, Set<String> hashes) {
		String found = null;
		for (String hash : hashes) {
			if (hash.startsWith(prefix)) {
				if (found != null) {
					throw new IllegalStateException("Hash prefix " + prefix + " names two hashes of the record");
				}
				found = hash;
			}
		}
		if (found == null) {
			throw new IllegalStateException("Hash prefix " + prefix + " names no hash of the record");
		}
		return found;
	}

	private static boolean distinct(Set<String> hashes, int length) {
		long prefixes = hashes.stream().map(hash -> hash.substring(0, Math.min(length, hash.length()))).distinct().count();
		return prefixes == hashes.size() || hashes.stream().allMatch(hash -> hash.length() <= length);
	}

}
