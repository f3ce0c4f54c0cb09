package dev.failsafe.idp.replication.keyring;

import java.nio.file.Path;
import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastKeyRingTest extends KeyRingContractTest {

	@TempDir
	static Path directory;

	private static HazelcastInstance hazelcast;

	private static LocalRingFile file;

	private static HazelcastKeyRing ring;

	@BeforeAll
	static void startMember() {
		hazelcast = HazelcastTestMembers.standalone();
		file = new LocalRingFile(directory.resolve("ring"), KeyEncryptionKey.generate());
		ring = new HazelcastKeyRing(hazelcast, file, Duration.ofMinutes(10));
	}

	@AfterAll
	static void stopMember() {
		ring.close();
		hazelcast.shutdown();
	}

	@Override
	protected KeyRing ring() {
		return ring;
	}

	@Test
	void addWhenAddedThenMapsAreAsDocumented() {
		assertThat(HazelcastKeyRing.KEYS_MAP).isEqualTo("idp.keyring.keys");
		assertThat(HazelcastKeyRing.REVOCATIONS_MAP).isEqualTo("idp.keyring.revocations");
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring.add(key);
		ring.revoke(new KeyRevocation(key.kid(), key.activateAt()));
		assertThat(hazelcast.<String, SigningKeyRecord>getMap("idp.keyring.keys").get(key.kid())).isEqualTo(key);
		assertThat(hazelcast.<String, KeyRevocation>getMap("idp.keyring.revocations").get(key.kid()))
			.isEqualTo(new KeyRevocation(key.kid(), key.activateAt()));
	}

	@Test
	void addWhenAddedThenAlsoInLocalFile() {
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring.add(key);
		ring.revoke(new KeyRevocation(key.kid(), key.activateAt()));
		KeyRingSnapshot inFile = file.read();
		assertThat(inFile.key(key.kid())).contains(key);
		assertThat(inFile.isRevoked(key.kid())).isTrue();
	}

}
