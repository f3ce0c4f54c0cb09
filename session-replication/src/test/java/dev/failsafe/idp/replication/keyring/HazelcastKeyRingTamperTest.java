package dev.failsafe.idp.replication.keyring;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.failsafe.idp.replication.hazelcast.HazelcastMemberConfig;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second member in the cluster that knows the cluster name but not the KEK (what anyone who
 * reaches an open-source Hazelcast port with the name can be) plants, garbles, replays and deletes
 * ring entries. The ring never trusts what does not authenticate, logs and counts it by reason,
 * never writes it to the file, and its repair puts the authentic copy back.
 */
@ExtendWith(OutputCaptureExtension.class)
class HazelcastKeyRingTamperTest {

	private static final Duration RARELY = Duration.ofMinutes(10);

	private static HazelcastInstance member;

	private static HazelcastInstance intruder;

	@TempDir
	Path directory;

	private final KeyEncryptionKey kek = KeyEncryptionKey.generate();

	private final RingEntryCodec codec = new RingEntryCodec(this.kek);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final SigningKeyVault vault = new SigningKeyVault(this.kek);

	private LocalRingFile file;

	private HazelcastKeyRing ring;

	@BeforeAll
	static void startMembers() throws IOException {
		String cluster = "tamper-" + UUID.randomUUID();
		List<Integer> ports = List.of(freePort(), freePort());
		List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).toList();
		member = Hazelcast.newHazelcastInstance(
				HazelcastMemberConfig.from(new HazelcastMemberProperties(cluster, "a", "127.0.0.1", ports.get(0), addresses)));
		intruder = Hazelcast.newHazelcastInstance(
				HazelcastMemberConfig.from(new HazelcastMemberProperties(cluster, "x", "127.0.0.1", ports.get(1), addresses)));
		assertThat(member.getCluster().getMembers()).hasSize(2);
	}

	@AfterAll
	static void stopMembers() {
		intruder.getLifecycleService().terminate();
		member.getLifecycleService().terminate();
	}

	@BeforeEach
	void openRing() {
		member.getMap(HazelcastKeyRing.KEYS_MAP).clear();
		member.getMap(HazelcastKeyRing.REVOCATIONS_MAP).clear();
		this.file = new LocalRingFile(this.directory.resolve("keyring.ring"), this.kek);
		this.ring = new HazelcastKeyRing(member, this.file, this.codec, new RefusedEntries(this.meters), RARELY);
	}

	@AfterEach
	void closeRing() {
		this.ring.close();
	}

	@Test
	void snapshotWhenIntruderPlantsKeyThenNeitherTrustedNorWrittenToFileButLoggedAndCounted(CapturedOutput output) {
		SigningKeyRecord planted = new SigningKeyVault(KeyEncryptionKey.generate()).generate(SigningAlgorithm.RS256,
				Instant.now(), Instant.now());
		IMap<String, Object> keys = intruder.getMap(HazelcastKeyRing.KEYS_MAP);
		// Its own key under its thumbprint, once without a MAC and once with a made-up one.
		keys.put(planted.kid(), new RingEntryCodec(KeyEncryptionKey.generate()).encode(planted));
		SigningKeyRecord other = SigningKeyFixtures.activeKey();
		keys.put(other.kid(), this.codec.encode(other).replaceAll(",\"mac\":\"[^\"]*\"", ""));

		assertThat(this.ring.snapshot().keys()).doesNotContainKeys(planted.kid(), other.kid());
		this.ring.repair();
		assertThat(this.file.read().keys()).doesNotContainKeys(planted.kid(), other.kid());
		assertThat(refused("bad-mac")).isEqualTo(1);
		assertThat(refused("unauthenticated")).isEqualTo(1);
		assertThat(output.getAll()).contains("Refused a key ring entry", planted.kid(), other.kid());

		this.ring.snapshot();
		assertThat(refused("bad-mac")).as("one planted entry is counted once, not on every read").isEqualTo(1);
	}

	@Test
	void repairWhenIntruderGarblesOrDeletesKeyThenAuthenticCopyPutBack() {
		SigningKeyRecord key = this.vault.generate(SigningAlgorithm.ES256, Instant.now(), Instant.now());
		SigningKeyRecord second = this.vault.generate(SigningAlgorithm.RS256, Instant.now(), Instant.now());
		this.ring.add(key);
		this.ring.add(second);
		IMap<String, Object> keys = intruder.getMap(HazelcastKeyRing.KEYS_MAP);
		// Same kid, an activation moved far into the future: the MAC no longer matches.
		keys.put(key.kid(), this.codec.encode(key).replace(key.activateAt().toString(), "2999-01-01T00:00:00Z"));
		keys.delete(second.kid());

		assertThat(this.ring.snapshot().key(key.kid())).as("the file still knows it").contains(key);
		assertThat(this.ring.snapshot().key(second.kid())).contains(second);
		this.ring.repair();
		assertThat(member.getMap(HazelcastKeyRing.KEYS_MAP).get(key.kid())).isEqualTo(this.codec.encode(key));
		assertThat(member.getMap(HazelcastKeyRing.KEYS_MAP).get(second.kid())).isEqualTo(this.codec.encode(second));
		assertThat(refused("bad-mac")).isEqualTo(1);
	}

	@Test
	void snapshotWhenAuthenticEntryReplayedUnderOtherKidOrRevocationForgedThenRefused() {
		SigningKeyRecord key = this.vault.generate(SigningAlgorithm.ES256, Instant.now(), Instant.now());
		this.ring.add(key);
		String victim = this.vault.generate(SigningAlgorithm.ES256, Instant.now(), Instant.now()).kid();
		intruder.getMap(HazelcastKeyRing.KEYS_MAP).put(victim, this.codec.encode(key));
		intruder.getMap(HazelcastKeyRing.REVOCATIONS_MAP)
			.put(key.kid(), "{\"kid\":\"" + key.kid() + "\",\"revokedAt\":\"2020-01-01T00:00:00Z\",\"mac\":\"x\"}");

		KeyRingSnapshot snapshot = this.ring.snapshot();
		assertThat(snapshot.keys()).doesNotContainKey(victim);
		assertThat(snapshot.isRevoked(key.kid())).as("a forged revocation revokes nothing").isFalse();
		assertThat(refused("kid-mismatch")).isEqualTo(1);
		assertThat(refused("bad-mac")).isEqualTo(1);

		KeyRevocation real = new KeyRevocation(key.kid(), Instant.now());
		this.ring.revoke(real);
		assertThat(this.ring.snapshot().revocations().get(key.kid())).isEqualTo(real);
		assertThat(member.getMap(HazelcastKeyRing.REVOCATIONS_MAP).get(key.kid())).isEqualTo(this.codec.encode(real));
	}

	@Test
	void snapshotWhenIntruderPlantsJavaSerializedObjectThenNotDeserializedAndMapRefilled() {
		SigningKeyRecord key = this.vault.generate(SigningAlgorithm.ES256, Instant.now(), Instant.now());
		this.ring.add(key);
		// A Serializable class outside the whitelist stands in for a gadget chain.
		intruder.getMap(HazelcastKeyRing.KEYS_MAP).put("gadget", new java.awt.Point(1, 2));

		assertThat(this.ring.snapshot().key(key.kid())).contains(key);
		assertThat(refused("unreadable")).isEqualTo(1);
		this.ring.repair();
		assertThat(member.getMap(HazelcastKeyRing.KEYS_MAP).keySet()).containsExactly(key.kid());
	}

	@Test
	void constructWhenRingFileWrittenBeforeEntriesWereAuthenticatedThenItsKeysEnterTheMapsAuthenticated()
			throws IOException {
		SigningKeyRecord key = this.vault.generate(SigningAlgorithm.RS256, Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-01-01T00:00:00Z"));
		// The ring file exactly as the previous version wrote it: format 1, no MAC anywhere.
		String previous = "{\"format\":1,\"keys\":[{\"kid\":\"" + key.kid() + "\",\"algorithm\":\"RS256\",\"publicJwk\":"
				+ quoted(key.publicJwk()) + ",\"sealedPrivateJwk\":\"" + key.sealedPrivateJwk()
				+ "\",\"publishAt\":\"2026-01-01T00:00:00Z\",\"activateAt\":\"2026-01-01T00:00:00Z\"}],"
				+ "\"revocations\":[{\"kid\":\"" + key.kid() + "\",\"revokedAt\":\"2026-02-01T00:00:00Z\"}]}";
		Path old = this.directory.resolve("previous.ring");
		Files.writeString(old, this.kek.seal(LocalRingFile.CONTEXT, previous.getBytes(StandardCharsets.UTF_8)));
		try (HazelcastKeyRing upgraded = new HazelcastKeyRing(member, new LocalRingFile(old, this.kek), this.codec,
				new RefusedEntries(this.meters), RARELY)) {
			assertThat(upgraded.snapshot().key(key.kid())).contains(key);
			assertThat(this.codec.key(key.kid(), member.getMap(HazelcastKeyRing.KEYS_MAP).get(key.kid())))
				.isEqualTo(new RingEntryCodec.Authentic<>(key));
			assertThat(this.codec.revocation(key.kid(), member.getMap(HazelcastKeyRing.REVOCATIONS_MAP).get(key.kid())))
				.isInstanceOf(RingEntryCodec.Authentic.class);
		}
	}

	private double refused(String reason) {
		return this.meters.find(HazelcastKeyRing.REFUSED_METRIC)
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble(counter -> counter.count())
			.sum();
	}

	private static String quoted(String json) {
		return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
