package dev.failsafe.idp.replication.keyring;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.replication.keyring.SigningKeyFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyRingSnapshotTest {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final KeyRingSnapshot left = KeyRingSnapshot.of(
			List.of(record("a", SigningAlgorithm.ES256, T0, T0), record("b", SigningAlgorithm.ES256, T0, T0.plusSeconds(10))),
			List.of(new KeyRevocation("a", T0.plusSeconds(5))));

	private final KeyRingSnapshot right = KeyRingSnapshot.of(
			List.of(record("b", SigningAlgorithm.ES256, T0, T0.plusSeconds(10)), record("c", SigningAlgorithm.RS256, T0, T0)),
			List.of(new KeyRevocation("a", T0.plusSeconds(3)), new KeyRevocation("c", T0.plusSeconds(7))));

	@Test
	void unionWhenSwappedThenSameRing() {
		assertThat(this.left.union(this.right)).isEqualTo(this.right.union(this.left));
	}

	@Test
	void unionWhenRepeatedThenUnchanged() {
		KeyRingSnapshot once = this.left.union(this.right);
		assertThat(once.union(this.right)).isEqualTo(once);
		assertThat(once.union(once)).isEqualTo(once);
		assertThat(this.left.union(KeyRingSnapshot.EMPTY)).isEqualTo(this.left);
	}

	@Test
	void unionWhenGroupedDifferentlyThenSameRing() {
		KeyRingSnapshot third = KeyRingSnapshot.of(List.of(record("d", SigningAlgorithm.ES256, T0, T0)),
				List.of(new KeyRevocation("a", T0.plusSeconds(4))));
		assertThat(this.left.union(this.right).union(third)).isEqualTo(this.left.union(this.right.union(third)));
	}

	@Test
	void unionWhenBothRevokeOneKeyThenEarlierRevocationKept() {
		KeyRingSnapshot union = this.left.union(this.right);
		assertThat(union.keys()).containsOnlyKeys("a", "b", "c");
		assertThat(union.revocations().get("a")).isEqualTo(new KeyRevocation("a", T0.plusSeconds(3)));
		assertThat(union.isRevoked("c")).isTrue();
		assertThat(union.isRevoked("b")).isFalse();
	}

	@Test
	void unionWhenOneKidHasTwoMaterialsThenConflict() {
		KeyRingSnapshot other = KeyRingSnapshot.of(List.of(new SigningKeyRecord("a", SigningAlgorithm.ES256, "{\"other\":true}",
				"sealed", T0, T0)), List.of());
		assertThatExceptionOfType(ConflictingKeyMaterialException.class).isThrownBy(() -> this.left.union(other))
			.withMessageContaining("a");
	}

}
