package dev.failsafe.idp.replication.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.RedisAuthorizationStore;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.redis.RedisServer;
import dev.failsafe.idp.testing.redis.SentinelSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentinel failover under load, with real processes: a primary ({@code min-replicas-to-write 1}), one
 * replica, three sentinels; writers insert authorizations through Lettuce's Sentinel support while the
 * primary is killed with SIGKILL. Every write acknowledged (WAIT 1) before, during or after the kill
 * is readable after the replica's promotion. With one replica waited for, writes fail from the kill
 * until the replica is promoted and a replacement replica of it is in sync; that window is measured
 * and printed ({@code FAILOVER} line in the test output).
 */
class SentinelFailoverTest {

	private static final int WRITERS = 4;

	@Test
	void killPrimaryWhenUnderLoadThenEveryAcknowledgedWriteSurvivesPromotion() throws Exception {
		try (RedisServer primary = RedisServer.start("--min-replicas-to-write", "1", "--min-replicas-max-lag", "10");
				RedisServer replica = RedisServer.startReplicaOf(primary);
				SentinelSet sentinels = monitoring(primary, replica)) {
			RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration();
			sentinel.master(SentinelSet.MASTER);
			sentinels.ports().forEach((port) -> sentinel.addSentinel(new RedisNode(RedisServer.HOST, port)));
			LettuceConnectionFactory connections = new LettuceConnectionFactory(sentinel,
					LettucePoolingClientConfiguration.builder().commandTimeout(Duration.ofSeconds(3)).build());
			connections.setShareNativeConnection(false);
			connections.afterPropertiesSet();
			connections.start();
			ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
			List<RedisServer> closeLater = new java.util.ArrayList<>();
			try {
				RedisAuthorizationStore store = new RedisAuthorizationStore(new RedisCalls(connections),
						new ReplicaAcknowledgement(1, Duration.ofMillis(500)));
				ConcurrentLinkedQueue<AuthorizationRecord> acknowledged = new ConcurrentLinkedQueue<>();
				ConcurrentLinkedQueue<Long> acknowledgedAt = new ConcurrentLinkedQueue<>();
				AtomicLong firstFailure = new AtomicLong();
				AtomicLong lastFailure = new AtomicLong();
				AtomicLong failures = new AtomicLong();
				AtomicBoolean running = new AtomicBoolean(true);
				for (int i = 0; i < WRITERS; i++) {
					executor.submit(() -> {
						while (running.get()) {
							AuthorizationRecord record = record();
							try {
								if (store.insert(record)) {
									acknowledged.add(record);
									acknowledgedAt.add(System.nanoTime());
								}
								// Bounded load: at most about 200 writes a second per writer.
								Wait.pause(Duration.ofMillis(5));
							}
							catch (StoreUnavailableException ex) {
								// A failed write is retried by the user; the writer backs off a little.
								long now = System.nanoTime();
								firstFailure.compareAndSet(0, now);
								lastFailure.set(now);
								failures.incrementAndGet();
								Wait.pause(Duration.ofMillis(20));
							}
						}
						return null;
					});
				}
				Instant warm = Instant.now().plusSeconds(20);
				while (acknowledged.size() < 50 && Instant.now().isBefore(warm)) {
					Wait.pause(Duration.ofMillis(20));
				}
				int before = acknowledged.size();
				long killedAt = System.nanoTime();
				primary.kill();
				sentinels.awaitPromotionAway(primary.port(), Duration.ofSeconds(30));
				long promotedAt = System.nanoTime();
				// WAIT 1 needs a replica of the new primary: a replacement joins (as an orchestrator would).
				RedisServer replacement = RedisServer.startReplicaOf(replica);
				closeLater.add(replacement);
				replica.awaitInSync(1, Duration.ofSeconds(30));
				long replacedAt = System.nanoTime();
				long resumedCount = acknowledged.size();
				Instant deadline = Instant.now().plusSeconds(30);
				while (acknowledged.size() < resumedCount + 20 && Instant.now().isBefore(deadline)) {
					Wait.pause(Duration.ofMillis(50));
				}
				running.set(false);
				executor.shutdown();
				assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

				assertThat(sentinels.primaryPort()).isEqualTo(replica.port());
				assertThat(before).isPositive();
				assertThat(acknowledged.size()).isGreaterThan(before);
				List<AuthorizationRecord> lost = acknowledged.stream()
					.filter((record) -> store.findById(record.id()).isEmpty())
					.toList();
				assertThat(lost).as("acknowledged writes missing after promotion").isEmpty();
				long firstAfterKill = acknowledgedAt.stream().filter((at) -> at > killedAt).min(Long::compare).orElseThrow();
				System.out.printf("FAILOVER acknowledged=%d (before the kill %d) failed=%d promotion=%dms "
						+ "replica-in-sync=%dms no-write-acknowledged window=%dms failures from %dms to %dms after the kill%n",
						acknowledged.size(), before, failures.get(), millis(promotedAt - killedAt),
						millis(replacedAt - killedAt), millis(firstAfterKill - killedAt),
						millis(firstFailure.get() - killedAt), millis(lastFailure.get() - killedAt));
			}
			finally {
				executor.shutdownNow();
				connections.destroy();
				closeLater.forEach(RedisServer::close);
			}
		}
	}

	private static SentinelSet monitoring(RedisServer primary, RedisServer replica) {
		primary.awaitInSync(1, Duration.ofSeconds(20));
		return SentinelSet.monitoring(primary);
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private static AuthorizationRecord record() {
		return new AuthorizationRecord("authz-" + UUID.randomUUID(), 1, "alice", Set.of("hash-" + UUID.randomUUID()),
				Set.of(), Instant.now().plusSeconds(600), "payload");
	}

}
