package dev.failsafe.idp.testing.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.failsafe.idp.testing.Wait;

/**
 * Whether a {@link RedisServer}'s replicas hold every write made so far, for
 * {@link RedisServer#awaitInSync}. On a primary a fresh write acknowledged by them ({@code WAIT})
 * proves it, since replication is one ordered stream: that holds while others keep writing, when the
 * offsets in {@code INFO} never line up. On a replica with replicas of its own (chained replication)
 * the offsets alone tell, since a replica takes no test write.
 */
final class ReplicaSync {

	private final RedisServer server;

	ReplicaSync(RedisServer server) {
		this.server = server;
	}

	/** Waits until {@code replicas} replicas hold every write made so far. */
	void await(int replicas, Duration timeout) {
		String[] last = { "" };
		Wait.until("redis-server on port " + this.server.port() + " with " + replicas + " replicas in sync", timeout,
				Duration.ofMillis(50), () -> {
					String info = (String) this.server.call("INFO", "replication");
					last[0] = info;
					return info.contains("role:slave") ? replicasInSync(info) >= replicas
							: acknowledgedByReplicas(replicas);
				}, () -> last[0]);
	}

	private static int replicasInSync(String info) {
		long offset = -1;
		List<Long> replicaOffsets = new ArrayList<>();
		for (String line : info.split("\r\n")) {
			if (line.startsWith("master_repl_offset:")) {
				offset = Long.parseLong(line.substring("master_repl_offset:".length()));
			}
			if (line.matches("slave\\d+:.*") && line.contains("state=online")) {
				replicaOffsets.add(Long.parseLong(line.replaceAll(".*offset=(\\d+).*", "$1")));
			}
		}
		long primaryOffset = offset;
		return (int) replicaOffsets.stream().filter(replicaOffset -> replicaOffset >= primaryOffset).count();
	}

	/**
	 * Whether {@code replicas} replicas acknowledge a fresh write: "online" in INFO is not enough, a
	 * replica may still be loading what it was sent.
	 */
	private boolean acknowledgedByReplicas(int replicas) {
		try {
			List<Object> replies = this.server.callInOrder(
					List.of("SET", "fixture:sync", Long.toString(System.nanoTime())),
					List.of("WAIT", Integer.toString(replicas), "200"));
			return ((Long) replies.get(1)) >= replicas;
		}
		catch (Resp.ErrorReply refused) {
			// NOREPLICAS: not yet.
			return false;
		}
	}

}
