package dev.failsafe.idp.replication.hazelcast;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import dev.failsafe.idp.replication.authorization.HazelcastStoresAutoConfiguration;
import dev.failsafe.idp.replication.keyring.ClusterNameSecret;
import dev.failsafe.idp.replication.keyring.HazelcastKeyRing;
import dev.failsafe.idp.replication.keyring.KeyEncryptionKey;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingAutoConfiguration;
import dev.failsafe.idp.replication.keyring.RingEntryCodec;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.replication.session.HazelcastSessionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The embedded default as another user of the machine meets it: a real Hazelcast client and a real
 * member of their own, both on the node's member port with the documented cluster name, try to read
 * the sessions and to plant a key. The client is not admitted at all (no client endpoint); the
 * member cannot join (the cluster name really used carries a tag derived from the KEK), so it sees
 * an empty cluster of its own and what it writes never reaches the node.
 */
class MemberPortIntruderTest {

	@TempDir
	Path directory;

	@Test
	void memberPortWhenClientOrForeignMemberConnectsThenNoSessionReadAndNoKeyPlanted() throws IOException {
		int port = freePort();
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HazelcastMemberAutoConfiguration.class,
					KeyRingAutoConfiguration.class, HazelcastStoresAutoConfiguration.class,
					HazelcastSessionAutoConfiguration.class))
			.withPropertyValues("idp.hazelcast.port=" + port,
					"idp.keyring.kek-file=" + this.directory.resolve("keyring.kek"),
					"idp.keyring.ring-file=" + this.directory.resolve("keyring.ring"),
					"idp.keyring.kek-variable=TEST_UNSET_KEK")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HazelcastInstance node = context.getBean(HazelcastInstance.class);
				assertThat(node.getCluster().getLocalMember().getAddress().getPort()).isEqualTo(port);
				assertThat(node.getConfig().getClusterName()).startsWith("failsafe-idp-")
					.isEqualTo(ClusterNameSecret.of("failsafe-idp",
							dev.failsafe.idp.replication.keyring.KeyEncryptionKeySource.fromFile(this.directory.resolve("keyring.kek"))));
				@SuppressWarnings("unchecked")
				SessionRepository<Session> sessions = context.getBean(SessionRepository.class);
				Session session = sessions.createSession();
				session.setAttribute("user", "alice");
				sessions.save(session);
				int keysBefore = context.getBean(KeyRing.class).snapshot().keys().size();

				ClientConfig client = new ClientConfig().setClusterName("failsafe-idp");
				client.getNetworkConfig().addAddress("127.0.0.1:" + port);
				client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5000);
				assertThatIllegalStateException().as("a Hazelcast client is not admitted on the member port")
					.isThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown());
				ClientConfig knowing = new ClientConfig().setClusterName(node.getConfig().getClusterName());
				knowing.getNetworkConfig().addAddress("127.0.0.1:" + port);
				knowing.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5000);
				assertThatIllegalStateException().as("not even one that knows the real cluster name")
					.isThrownBy(() -> HazelcastClient.newHazelcastClient(knowing).shutdown());

				HazelcastInstance intruder = Hazelcast.newHazelcastInstance(HazelcastMemberConfig.from(
						new HazelcastMemberProperties("failsafe-idp", "x", "127.0.0.1", freePort(),
								List.of("127.0.0.1:" + port))));
				try {
					assertThat(intruder.getCluster().getMembers()).hasSize(1);
					assertThat(intruder.getMap(HazelcastSessionAutoConfiguration.SESSIONS_MAP).get(session.getId()))
						.isNull();
					SigningKeyRecord planted = new SigningKeyVault(KeyEncryptionKey.generate())
						.generate(SigningAlgorithm.RS256, Instant.now(), Instant.now());
					intruder.getMap(HazelcastKeyRing.KEYS_MAP)
						.put(planted.kid(), new RingEntryCodec(KeyEncryptionKey.generate()).encode(planted));
					assertThat(node.getCluster().getMembers()).hasSize(1);
					assertThat(node.getMap(HazelcastKeyRing.KEYS_MAP).containsKey(planted.kid())).isFalse();
					assertThat(context.getBean(KeyRing.class).snapshot().keys()).hasSize(keysBefore)
						.doesNotContainKey(planted.kid());
					assertThat(sessions.findById(session.getId()).<String>getAttribute("user")).isEqualTo("alice");
				}
				finally {
					intruder.getLifecycleService().terminate();
				}
			});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
