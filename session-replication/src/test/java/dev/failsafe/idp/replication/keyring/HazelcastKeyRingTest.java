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

	private static RingEntryCodec codec;

	@BeforeAll
	static void startMember() {
		hazelcast = HazelcastTestMembers.standalone();
		KeyEncryptionKey kek = KeyEncryptionKey.generate();
		file = new LocalRingFile(directory.resolve("ring"), kek);
		codec = new RingEntryCodec(kek);
		ring = SigningKeyFixtures.ring(hazelcast, file, kek, Duration.ofMinutes(10));
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
		assertThat(HazelcastKeyRing.KEYS_MAP).isEqualTo("idp.keyring.entries.keys");
		assertThat(HazelcastKeyRing.REVOCATIONS_MAP).isEqualTo("idp.keyring.entries.revocations");
		SigningKeyRecord key = SigningKeyFixtures.activeKey();
		ring.add(key);
		ring.revoke(new KeyRevocation(key.kid(), key.activateAt()));
		Object storedKey = hazelcast.getMap("idp.keyring.entries.keys").get(key.kid());
		assertThat(storedKey).isInstanceOf(String.class).isEqualTo(codec.encode(key));
		assertThat((String) storedKey).contains("\"kid\":\"" + key.kid() + "\"", "\"algorithm\":\"ES256\"",
				"\"publicJwk\"", "\"sealedPrivateJwk\"", "\"publishAt\"", "\"activateAt\"", "\"mac\"");
		assertThat(codec.key(key.kid(), storedKey)).isEqualTo(new RingEntryCodec.Authentic<>(key));
		Object storedRevocation = hazelcast.getMap("idp.keyring.entries.revocations").get(key.kid());
		assertThat(storedRevocation).isEqualTo(codec.encode(new KeyRevocation(key.kid(), key.activateAt())));
		assertThat((String) storedRevocation).contains("\"revokedAt\"", "\"mac\"");
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
