package dev.failsafe.idp.replication.onetime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * {@link OneTimeUse} on Hazelcast, where Redis is not configured.
 *
 * <p>Storage layout (asserted by a test): the map {@value #USES_MAP}, {@code IMap<String, String>}
 * from the key to {@code "1"}, each entry with the window as its time to live; {@code putIfAbsent}
 * makes the first use atomic across the cluster.
 */
public final class HazelcastOneTimeUse implements OneTimeUse {

	public static final String USES_MAP = "idp.one-time-uses";

	private final IMap<String, String> uses;

	public HazelcastOneTimeUse(HazelcastInstance hazelcast) {
		this.uses = hazelcast.getMap(USES_MAP);
	}

	@Override
	public boolean firstUse(String key, Duration window) {
		OneTimeKeys.check(key, window);
		return HazelcastCalls.call("record a one-time use",
				() -> this.uses.putIfAbsent(key, "1", window.toMillis(), TimeUnit.MILLISECONDS) == null);
	}

}
