package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.failsafe.idp.replication.keyring.SigningKeyFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeyLifecycleTest {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration RETENTION = Duration.ofSeconds(50);

	private final KeyLifecycle lifecycle = new KeyLifecycle(RETENTION);

	/** {@code old} signs from T0; {@code new} is published at T0+100s and activates at T0+200s. */
	private final SigningKeyRecord oldKey = record("old", SigningAlgorithm.ES256, T0, T0);

	private final SigningKeyRecord newKey = record("new", SigningAlgorithm.ES256, at(100), at(200));

	private final KeyRingSnapshot ring = KeyRingSnapshot.of(List.of(this.oldKey, this.newKey), List.of());

	@ParameterizedTest(name = "at +{0}s: old {1}, new {2}")
	@CsvSource({ "-1, PENDING, PENDING", "0, SIGNING, PENDING", "99, SIGNING, PENDING", "100, SIGNING, PUBLISHED",
			"199, SIGNING, PUBLISHED", "200, RETIRING, SIGNING", "249, RETIRING, SIGNING", "250, GONE, SIGNING",
			"10000, GONE, SIGNING" })
	void stateWhenTimePassesThenFollowsLifecycle(long seconds, KeyState oldState, KeyState newState) {
		assertThat(this.lifecycle.state(this.oldKey, this.ring, at(seconds))).isEqualTo(oldState);
		assertThat(this.lifecycle.state(this.newKey, this.ring, at(seconds))).isEqualTo(newState);
	}

	@Test
	void stateWhenRetentionEndsThenGoneExactlyAtBoundary() {
		Instant boundary = at(200).plus(RETENTION);
		assertThat(this.lifecycle.state(this.oldKey, this.ring, boundary.minusMillis(1))).isEqualTo(KeyState.RETIRING);
		assertThat(this.lifecycle.state(this.oldKey, this.ring, boundary)).isEqualTo(KeyState.GONE);
	}

	@Test
	void signerWhenTimePassesThenLatestActivatedKey() {
		assertThat(this.lifecycle.signer(this.ring, SigningAlgorithm.ES256, at(-1))).isEmpty();
		assertThat(this.lifecycle.signer(this.ring, SigningAlgorithm.ES256, at(199))).contains(this.oldKey);
		assertThat(this.lifecycle.signer(this.ring, SigningAlgorithm.ES256, at(200))).contains(this.newKey);
	}

	@Test
	void signerWhenTwoKeysActivateTogetherThenGreaterKidWins() {
		KeyRingSnapshot tie = KeyRingSnapshot.of(
				List.of(record("kid-b", SigningAlgorithm.ES256, T0, T0), record("kid-a", SigningAlgorithm.ES256, T0, T0)), List.of());
		assertThat(this.lifecycle.signer(tie, SigningAlgorithm.ES256, T0)).hasValueSatisfying((key) -> assertThat(key.kid())
			.isEqualTo("kid-b"));
		assertThat(this.lifecycle.state(tie.key("kid-a").orElseThrow(), tie, T0)).isEqualTo(KeyState.RETIRING);
	}

	@Test
	void signerWhenNewerKeyRevokedThenOlderKeepsSigning() {
		KeyRingSnapshot revoked = this.ring.union(List.of(), List.of(new KeyRevocation("new", at(150))));
		assertThat(this.lifecycle.signer(revoked, SigningAlgorithm.ES256, at(300))).contains(this.oldKey);
		assertThat(this.lifecycle.state(this.oldKey, revoked, at(300))).isEqualTo(KeyState.SIGNING);
		assertThat(this.lifecycle.state(this.newKey, revoked, at(300))).isEqualTo(KeyState.REVOKED);
		assertThat(this.lifecycle.published(revoked, at(300))).containsExactly(this.oldKey);
	}

	@Test
	void signerWhenSignerRevokedThenNoneUntilAnotherActivates() {
		KeyRingSnapshot revoked = this.ring.union(List.of(), List.of(new KeyRevocation("old", at(10))));
		assertThat(this.lifecycle.signer(revoked, SigningAlgorithm.ES256, at(50))).isEmpty();
		assertThat(this.lifecycle.signer(revoked, SigningAlgorithm.ES256, at(200))).contains(this.newKey);
	}

	@Test
	void newestWhenKeysPendingOrRevokedThenLastUnrevokedInActivationOrderActiveOrNot() {
		SigningKeyRecord later = record("later", SigningAlgorithm.ES256, at(300), at(400));
		KeyRingSnapshot ring = this.ring.union(List.of(later), List.of());
		assertThat(this.lifecycle.newest(ring, SigningAlgorithm.ES256)).contains(later);
		KeyRingSnapshot revoked = ring.union(List.of(), List.of(new KeyRevocation("later", at(310))));
		assertThat(this.lifecycle.newest(revoked, SigningAlgorithm.ES256)).contains(this.newKey);
		assertThat(this.lifecycle.newest(revoked, SigningAlgorithm.RS256)).isEmpty();
		assertThat(this.lifecycle.all(revoked)).containsExactly(this.oldKey, this.newKey, later);
	}

	@Test
	void signingAlgorithmWhenNamedThenOnlyRs256AndEs256() {
		assertThat(SigningAlgorithm.named("ES256")).contains(SigningAlgorithm.ES256);
		assertThat(SigningAlgorithm.named("HS256")).isEmpty();
		assertThat(SigningAlgorithm.DEFAULT).isEqualTo(SigningAlgorithm.RS256);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> SigningAlgorithm.of("none"))
			.withMessageContaining("none");
	}

	@Test
	void signerWhenAlgorithmsDifferThenOneSignerEach() {
		SigningKeyRecord rsa = record("rsa", SigningAlgorithm.RS256, T0, at(300));
		KeyRingSnapshot mixed = this.ring.union(List.of(rsa), List.of());
		assertThat(this.lifecycle.signer(mixed, SigningAlgorithm.ES256, at(400))).contains(this.newKey);
		assertThat(this.lifecycle.signer(mixed, SigningAlgorithm.RS256, at(400))).contains(rsa);
		// An RSA key activating later does not supersede the EC signer.
		assertThat(this.lifecycle.state(this.newKey, mixed, at(400))).isEqualTo(KeyState.SIGNING);
	}

	@Test
	void publishedWhenKeysInEveryStateThenOnlyPublishedSigningRetiringOldestFirst() {
		assertThat(this.lifecycle.published(this.ring, at(-1))).isEmpty();
		assertThat(this.lifecycle.published(this.ring, at(100))).containsExactly(this.oldKey, this.newKey);
		assertThat(this.lifecycle.published(this.ring, at(220))).containsExactly(this.oldKey, this.newKey);
		assertThat(this.lifecycle.published(this.ring, at(250))).containsExactly(this.newKey);
	}

	@Test
	void constructWhenRetentionNegativeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyLifecycle(Duration.ofSeconds(-1)));
	}

	private static Instant at(long seconds) {
		return T0.plusSeconds(seconds);
	}

}
