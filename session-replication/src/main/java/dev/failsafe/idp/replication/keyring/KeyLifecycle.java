package dev.failsafe.idp.replication.keyring;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure lifecycle rule of DESIGN.md, the same on every node: no lock, no leader.
 *
 * <ul>
 * <li>The signer of an algorithm is its unrevoked key with the latest {@code activateAt} not in the
 * future; ties are broken by the greater kid.</li>
 * <li>A key stops signing when a newer unrevoked key of its algorithm activates, and stays in the
 * JWKS for {@code retention} (the longest token lifetime plus clock skew) after that.</li>
 * </ul>
 */
public final class KeyLifecycle {

	/**
	 * The one order of keys: by {@code activateAt}, then kid. Of the unrevoked keys of an algorithm
	 * already active, the last in this order is the signer.
	 */
	public static final Comparator<SigningKeyRecord> ACTIVATION_ORDER = Comparator
		.comparing(SigningKeyRecord::activateAt)
		.thenComparing(SigningKeyRecord::kid);

	private final Duration retention;

	/**
	 * @param retention how long a superseded key stays published: the longest token lifetime plus
	 * clock skew
	 */
	public KeyLifecycle(Duration retention) {
		this.retention = Objects.requireNonNull(retention, "retention");
		if (retention.isNegative()) {
			throw new IllegalArgumentException("retention must not be negative");
		}
	}

	public Duration retention() {
		return this.retention;
	}

	/** The key that signs new tokens of {@code algorithm} at {@code now}, if any. */
	public Optional<SigningKeyRecord> signer(KeyRingSnapshot ring, SigningAlgorithm algorithm, Instant now) {
		return activeCandidates(ring, algorithm, now).max(ACTIVATION_ORDER);
	}

	/**
	 * The unrevoked key of {@code algorithm} that is last in {@link #ACTIVATION_ORDER}, active or not
	 * yet: the key a scheduled successor follows.
	 */
	public Optional<SigningKeyRecord> newest(KeyRingSnapshot ring, SigningAlgorithm algorithm) {
		return ring.keys()
			.values()
			.stream()
			.filter((key) -> key.algorithm() == algorithm)
			.filter((key) -> !ring.isRevoked(key.kid()))
			.max(ACTIVATION_ORDER);
	}

	/** Every key of the ring in {@link #ACTIVATION_ORDER}, revoked and gone ones included. */
	public List<SigningKeyRecord> all(KeyRingSnapshot ring) {
		return ring.keys().values().stream().sorted(ACTIVATION_ORDER).toList();
	}

	/** The keys a JWKS must hold at {@code now}, oldest activation first. */
	public List<SigningKeyRecord> published(KeyRingSnapshot ring, Instant now) {
		return ring.keys()
			.values()
			.stream()
			.filter(key -> isPublished(state(key, ring, now)))
			.sorted(ACTIVATION_ORDER)
			.toList();
	}

	public KeyState state(SigningKeyRecord key, KeyRingSnapshot ring, Instant now) {
		if (ring.isRevoked(key.kid())) {
			return KeyState.REVOKED;
		}
		if (now.isBefore(key.publishAt())) {
			return KeyState.PENDING;
		}
		if (now.isBefore(key.activateAt())) {
			return KeyState.PUBLISHED;
		}
		Optional<Instant> supersededAt = supersededAt(key, ring, now);
		if (supersededAt.isEmpty()) {
			return KeyState.SIGNING;
		}
		return now.isBefore(supersededAt.get().plus(this.retention)) ? KeyState.RETIRING : KeyState.GONE;
	}

	/** When the first newer unrevoked key of the same algorithm activated, if one has by now. */
	public Optional<Instant> supersededAt(SigningKeyRecord key, KeyRingSnapshot ring, Instant now) {
		return activeCandidates(ring, key.algorithm(), now)
			.filter(other -> ACTIVATION_ORDER.compare(other, key) > 0)
			.map(SigningKeyRecord::activateAt)
			.min(Comparator.naturalOrder());
	}

	private static boolean isPublished(KeyState state) {
		return state == KeyState.PUBLISHED || state == KeyState.SIGNING || state == KeyState.RETIRING;
	}

	private static java.util.stream.Stream<SigningKeyRecord> activeCandidates(KeyRingSnapshot ring,
			SigningAlgorithm algorithm,
			Instant now) {
		return ring.keys()
			.values()
			.stream()
			.filter(key -> key.algorithm() == algorithm)
			.filter(key -> !ring.isRevoked(key.kid()))
			.filter(key -> !now.isBefore(key.activateAt()));
	}

}
