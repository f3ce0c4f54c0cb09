package dev.failsafe.idp.server.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Base64;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart of the embedded default keeps its users, clients and signing keys: the same kids are
 * published and tokens signed before the restart still verify against the JWKS after it. The KEK is
 * generated once, owner-only; its path is logged, never its bytes; key creation is audited.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartSurvivalTest {

	@Test
	void restartWhenSameDataDirectoryThenSameKeysUsersAndClients(CapturedOutput output) throws Exception {
		RunningProvider provider = RunningProvider.create();
		BackChannel backChannel = new BackChannel(provider);

		String tokenBefore;
		JWKSet jwksBefore;
		String clusterName;
		try (ConfigurableApplicationContext first = start(provider)) {
			clusterName = first.getBean(com.hazelcast.core.HazelcastInstance.class).getConfig().getClusterName();
			jwksBefore = JWKSet.parse(backChannel.send(java.net.http.HttpRequest
				.newBuilder(provider.uri("/oauth2/jwks"))
				.build()).raw().body());
			tokenBefore = clientCredentialsToken(backChannel);
		}
		assertThat(jwksBefore.getKeys()).extracting(key -> key.getAlgorithm().getName())
			.containsExactlyInAnyOrder("RS256", "ES256");

		Path kek = provider.dataDir().resolve("keyring.kek");
		assertThat(Files.getPosixFilePermissions(kek)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		byte[] kekBytes = Files.readAllBytes(kek);
		String firstStartLogs = output.getAll();
		assertThat(firstStartLogs).contains(kek.toString());
		assertThat(firstStartLogs).doesNotContain(Base64.getEncoder().encodeToString(kekBytes))
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(kekBytes));
		assertThat(clusterName).as("the cluster name carries a tag only holders of the KEK can compute")
			.isEqualTo(dev.failsafe.idp.replication.keyring.ClusterNameSecret.of("failsafe-idp",
					dev.failsafe.idp.replication.keyring.KeyEncryptionKey.of(kekBytes)));
		assertThat(firstStartLogs).as("and it is never logged").doesNotContain(clusterName);
		for (var key : jwksBefore.getKeys()) {
			assertThat(firstStartLogs.lines().filter(line -> line.contains("key.created")))
				.anySatisfy(line -> assertThat(line).contains(key.getKeyID()).contains("\"audit\":{\"event\":\"key.created\""));
		}
		int outputBeforeRestart = firstStartLogs.length();

		try (ConfigurableApplicationContext second = start(provider)) {
			JWKSet jwksAfter = JWKSet.parse(backChannel.send(java.net.http.HttpRequest
				.newBuilder(provider.uri("/oauth2/jwks"))
				.build()).raw().body());
			assertThat(jwksAfter.getKeys()).extracting(key -> key.getKeyID())
				.containsExactlyInAnyOrderElementsOf(jwksBefore.getKeys().stream().map(key -> key.getKeyID()).toList());
			assertThat(Files.readAllBytes(kek)).isEqualTo(kekBytes);

			SignedJWT before = SignedJWT.parse(tokenBefore);
			String kidBefore = before.getHeader().getKeyID();
			assertThat(before.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
					jwksAfter.getKeyByKeyId(kidBefore).toRSAKey()))).isTrue();
			assertThat(SignedJWT.parse(clientCredentialsToken(backChannel)).getHeader().getKeyID())
				.isEqualTo(kidBefore);

			assertThat(output.getAll().substring(outputBeforeRestart)).as("no key created on restart")
				.doesNotContain("key.created");

			UserAgent agent = new UserAgent(provider);
			var login = agent.submitLogin(Demo.USERNAME, Demo.PASSWORD);
			assertThat(UserAgent.location(login)).doesNotContain("error");
		}
	}

	private static String clientCredentialsToken(BackChannel backChannel) {
		BackChannel.Reply reply = backChannel.postBasic("/oauth2/token", Demo.PARTNER_API,
				Demo.PARTNER_API_SECRET, Map.of("grant_type", List.of("client_credentials")));
		assertThat(reply.status()).isEqualTo(200);
		return reply.string("access_token");
	}

	private static ConfigurableApplicationContext start(RunningProvider provider) {
		return new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + provider.port(),
				"--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + provider.dataDir());
	}

}
