package dev.failsafe.idp.replication.keyring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.ConsentStore;
import dev.failsafe.idp.replication.authorization.HazelcastAuthorizationStore;
import dev.failsafe.idp.replication.authorization.HazelcastConsentStore;
import dev.failsafe.idp.replication.authorization.HazelcastStoresAutoConfiguration;
import dev.failsafe.idp.replication.hazelcast.HazelcastMemberAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The key ring and store wiring over one embedded member. */
class KeyRingAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HazelcastMemberAutoConfiguration.class,
					KeyRingAutoConfiguration.class, HazelcastStoresAutoConfiguration.class))
			.withPropertyValues("idp.hazelcast.cluster-name=test-" + UUID.randomUUID(),
					"idp.keyring.kek-file=" + this.directory.resolve("keyring.kek"),
					"idp.keyring.ring-file=" + this.directory.resolve("keyring.ring"),
					"idp.keyring.kek-variable=TEST_IDP_KEK_" + UUID.randomUUID().toString().replace('-', '_'));
	}

	@Test
	void propertiesWhenNothingSetThenDefaultsAsDocumented() {
		KeyRingProperties bound = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("idp.keyring", Bindable.of(KeyRingProperties.class));
		assertThat(bound).isEqualTo(KeyRingProperties.defaults());
		assertThat(bound.kekFile()).isEqualTo(Path.of("data/keyring.kek"));
		assertThat(bound.kekVariable()).isEqualTo("IDP_KEK");
		assertThat(bound.generateKek()).isTrue();
		assertThat(bound.ringFile()).isEqualTo(Path.of("data/keyring.ring"));
		assertThat(bound.repairInterval()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void contextWhenStartedThenKeyRingAndStoresOverOneMember() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(KeyEncryptionKey.class)
				.hasSingleBean(SigningKeyVault.class)
				.hasSingleBean(LocalRingFile.class);
			assertThat(context.getBean(KeyRing.class)).isInstanceOf(HazelcastKeyRing.class);
			assertThat(context.getBean(AuthorizationStore.class)).isInstanceOf(HazelcastAuthorizationStore.class);
			assertThat(context.getBean(ConsentStore.class)).isInstanceOf(HazelcastConsentStore.class);
			SigningKeyRecord key = context.getBean(SigningKeyVault.class).generate(SigningAlgorithm.ES256,
					java.time.Instant.now(), java.time.Instant.now());
			context.getBean(KeyRing.class).add(key);
			assertThat(context.getBean(LocalRingFile.class).read().key(key.kid())).contains(key);
		});
		assertThat(this.directory.resolve("keyring.kek")).exists();
	}

	@Test
	void keyEncryptionKeyWhenVariableSetThenItIsUsedAndNoFileGenerated() {
		byte[] bytes = KeyEncryptionKey.randomKeyBytes();
		runner().withPropertyValues("idp.keyring.kek-variable=TEST_KEK",
				"TEST_KEK=" + Base64.getEncoder().encodeToString(bytes)).run((context) -> {
					assertThat(context.getBean(KeyEncryptionKey.class).checkValue())
						.isEqualTo(KeyEncryptionKey.of(bytes).checkValue());
				});
		assertThat(this.directory.resolve("keyring.kek")).doesNotExist();
	}

	@Test
	void keyEncryptionKeyWhenNoneAndGenerationOffThenStartFailsClearly() {
		runner().withPropertyValues("idp.keyring.generate-kek=false").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No key-encryption key");
		});
	}

	@Test
	void keyEncryptionKeyWhenClusteredAndNoneGivenThenNotGeneratedAndStartFails() {
		runner().withPropertyValues("idp.hazelcast.members=127.0.0.1:1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("No key-encryption key");
		});
	}

	@Test
	void keyRingWhenRingFileHoldsKeysThenClusterStartsWithThem() throws Exception {
		byte[] bytes = KeyEncryptionKey.randomKeyBytes();
		Files.write(this.directory.resolve("keyring.kek"), bytes);
		SigningKeyRecord key = new SigningKeyVault(KeyEncryptionKey.of(bytes)).generate(SigningAlgorithm.ES256,
				java.time.Instant.now(), java.time.Instant.now());
		new LocalRingFile(this.directory.resolve("keyring.ring"), KeyEncryptionKey.of(bytes))
			.write(KeyRingSnapshot.of(java.util.List.of(key), java.util.List.of()));
		runner().run((context) -> assertThat(context.getBean(KeyRing.class).snapshot().key(key.kid())).contains(key));
	}

	@Test
	void beansWhenApplicationDeclaresItsOwnThenBackOff() {
		KeyEncryptionKey own = KeyEncryptionKey.generate();
		runner().withBean(KeyEncryptionKey.class, () -> own).run((context) -> {
			assertThat(context.getBean(KeyEncryptionKey.class)).isSameAs(own);
			assertThat(this.directory.resolve("keyring.kek")).doesNotExist();
		});
	}

	@Test
	void repairIntervalWhenNotPositiveThenStartFails() {
		runner().withPropertyValues("idp.keyring.repair-interval=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

}
