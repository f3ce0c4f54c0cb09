package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.redis.Sentinel;

/**
 * Moves the Redis primary of the three places to a chosen place between two scenarios (nothing
 * writing): its node becomes the only best candidate ({@code replica-priority 1}, once every live
 * sentinel sees it), Sentinel fails over, then the priority is made equal again.
 */
final class RedisSwitchover {

	private RedisSwitchover() {
	}

	/** Moves the primary of {@code redis} to place {@code index} (nothing when it is there). */
	static void moveTo(RedisPlaces redis, int index, Duration timeout) {
		Integer primary = redis.primary();
		if (primary != null && primary == index) {
			return;
		}
		RedisServer node = redis.node(index);
		node.call("CONFIG", "SET", "replica-priority", "1");
		awaitSentinelsSee(redis, index, "1", timeout);
		try {
			redis.sentinel(index).call("SENTINEL", "FAILOVER", RedisPlaces.MASTER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Wait.until("Redis primary moved to " + Places.NAMES.get(index), timeout, Duration.ofMillis(250),
				() -> Integer.valueOf(index).equals(redis.primary()) && redis.writable().equals(List.of(index))
						&& redis.inSync(index, redis.size() - 1),
				() -> "roles " + redis.roles());
		node.call("CONFIG", "SET", "replica-priority", RedisPlaces.PRIORITY);
	}

	/** Waits until every live sentinel reports place {@code index}'s node with {@code priority}. */
	private static void awaitSentinelsSee(RedisPlaces redis, int index, String priority, Duration timeout) {
		String address = redis.address(index);
		Wait.until("sentinels seeing replica-priority " + priority + " at " + address, timeout, Duration.ofMillis(250),
				() -> {
					for (int i = 0; i < redis.size(); i++) {
						Sentinel sentinel = redis.sentinel(i);
						if (sentinel != null && sentinel.process().isAlive()
								&& !priorityAsSeenBy(sentinel, address).equals(priority)) {
							return false;
						}
					}
					return true;
				});
	}

	private static String priorityAsSeenBy(Sentinel sentinel, String address) {
		try {
			for (Object replica : (List<?>) sentinel.call("SENTINEL", "REPLICAS", RedisPlaces.MASTER)) {
				List<?> fields = (List<?>) replica;
				Map<String, String> properties = new HashMap<>();
				for (int i = 0; i + 1 < fields.size(); i += 2) {
					properties.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
				}
				if (address.equals(properties.get("ip"))) {
					return String.valueOf(properties.get("slave-priority"));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
		return "unknown";
	}

}
