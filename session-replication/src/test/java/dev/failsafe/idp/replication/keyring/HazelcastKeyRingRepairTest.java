package dev.failsafe.idp.replication.keyring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Repair between two members that are not clustered, each with its own ring file: what one holds
 * reaches the other only through a file, as on a cold start.
 */
class HazelcastKeyRingRepairTest {

	private static final Duration RARELY = Duration.ofMinutes(10);

	private static final KeyEncryptionKey kek = KeyEncryptionKey.generate();

	private static final RingEntryCodec codec = new RingEntryCodec(kek);

	@TempDir
	Path directory;

	private static HazelcastInstance first;

	private static HazelcastInstance second;

	@BeforeAll
	static void startMembers() {
		first = HazelcastTestMembers.standalone();
		second = HazelcastTestMembers.standalone();
	}

	@AfterAll
	static void stopMembers() {
		first.shutdown();
		second.shutdown();
	}

	@Test
	void constructWhenFileHoldsKeysTheMapLacksThenMapGetsThem() {
		LocalRingFile firstFile = new LocalRingFile(this.directory.resolve("first.ring"), kek);
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		KeyRevocation revocation = new KeyRevocation(key.kid(), Instant.parse("2030-01-01T00:00:00Z"));
		try (HazelcastKeyRing ring = SigningKeyFixtures.ring(first, firstFile, kek, RARELY)) {
			ring.add(key);
			ring.revoke(revocation);
		}
		assertThat(second.getMap(HazelcastKeyRing.KEYS_MAP).containsKey(key.kid())).isFalse();

		LocalRingFile secondFile = new LocalRingFile(this.directory.resolve("second.ring"), kek);
		secondFile.write(firstFile.read());
		try (HazelcastKeyRing ring = SigningKeyFixtures.ring(second, secondFile, kek, RARELY)) {
			assertThat(ring.snapshot().key(key.kid())).contains(key);
			assertThat(ring.snapshot().revocations().get(key.kid())).isEqualTo(revocation);
		}
	}

	@Test
	void repairWhenMapHoldsKeyTheFileLacksThenFileGetsIt() {
		LocalRingFile file = new LocalRingFile(this.directory.resolve("map-only.ring"), kek);
		try (HazelcastKeyRing ring = SigningKeyFixtures.ring(second, file, kek, RARELY)) {
			SigningKeyRecord key = SigningKeyFixtures.activeKey();
			second.getMap(HazelcastKeyRing.KEYS_MAP).put(key.kid(), codec.encode(key));
			assertThat(file.read().key(key.kid())).isEmpty();
			ring.repair();
			assertThat(file.read().key(key.kid())).contains(key);
		}
	}

	@Test
	void repairWhenFileHoldsEarlierRevocationThenMapKeepsEarlier() {
		LocalRingFile file = new LocalRingFile(this.directory.resolve("revocations.ring"), kek);
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		Instant earlier = Instant.parse("2030-01-01T00:00:00Z");
		file.write(KeyRingSnapshot.of(List.of(key), List.of(new KeyRevocation(key.kid(), earlier))));
		second.getMap(HazelcastKeyRing.REVOCATIONS_MAP).put(key.kid(), codec.encode(new KeyRevocation(key.kid(), earlier.plusSeconds(5))));
		try (HazelcastKeyRing ring = SigningKeyFixtures.ring(second, file, kek, RARELY)) {
			assertThat(ring.snapshot().revocations().get(key.kid())).isEqualTo(new KeyRevocation(key.kid(), earlier));
			assertThat(file.read().revocations().get(key.kid())).isEqualTo(new KeyRevocation(key.kid(), earlier));
		}
	}

	@Test
	void constructWhenFileAndMapDisagreeOnMaterialThenRefused() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		first.getMap(HazelcastKeyRing.KEYS_MAP).put(key.kid(), codec.encode(key));
		LocalRingFile file = new LocalRingFile(this.directory.resolve("conflict.ring"), kek);
		file.write(KeyRingSnapshot.of(List.of(SigningKeyFixtures.impostorOf(key)), List.of()));
		assertThatExceptionOfType(ConflictingKeyMaterialException.class)
			.isThrownBy(() -> SigningKeyFixtures.ring(first, file, kek, RARELY));
	}

	@Test
	void repairWhenScheduledThenRunsWithoutBeingCalled() {
		LocalRingFile file = new LocalRingFile(this.directory.resolve("scheduled.ring"), kek);
		try (HazelcastKeyRing ring = SigningKeyFixtures.ring(first, file, kek, Duration.ofMillis(200))) {
			SigningKeyRecord key = SigningKeyFixtures.activeKey();
			first.getMap(HazelcastKeyRing.KEYS_MAP).put(key.kid(), codec.encode(key));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(file.read().key(key.kid())).contains(key));
		}
	}

}
