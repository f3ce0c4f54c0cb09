package dev.failsafe.idp.server.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;

/**
 * This node's read-only view of the replicated key ring: a cached snapshot, and the signer and
 * published keys {@link KeyLifecycle} derives from it at the time the caller passes in. Writes go
 * through {@link KeyRingService}.
 *
 * <p>The snapshot is refreshed on every ring change event and at least every few seconds, so a
 * node that missed an event converges anyway. Opened private keys and parsed public keys are cached
 * by kid, which is safe because a kid names one immutable key material.
 */
public final class ActiveKeys {

	private final KeyRing ring;

	private final SigningKeyVault vault;

	private final KeyLifecycle lifecycle;

	private final Map<String, JWK> openedPrivateKeys = new ConcurrentHashMap<>();

	private final Map<String, JWK> publicKeys = new ConcurrentHashMap<>();

	private volatile KeyRingSnapshot snapshot;

	public ActiveKeys(KeyRing ring, SigningKeyVault vault, KeyLifecycle lifecycle) {
		this.ring = ring;
		this.vault = vault;
		this.lifecycle = lifecycle;
		this.snapshot = ring.snapshot();
		ring.onChange(this::refresh);
	}

	/** Re-reads the ring; called on change events, by a periodic task and after every write. */
	public void refresh() {
		this.snapshot = this.ring.snapshot();
	}

	public KeyRingSnapshot snapshot() {
		return this.snapshot;
	}

	/** The private JWK that signs new tokens of {@code algorithm} at {@code now}. */
	public Optional<JWK> signer(SigningAlgorithm algorithm, Instant now) {
		return this.lifecycle.signer(this.snapshot, algorithm, now)
			.map(key -> this.openedPrivateKeys.computeIfAbsent(key.kid(), kid -> this.vault.privateJwk(key)));
	}

	/** The public keys the JWKS must hold at {@code now}. */
	public List<JWK> published(Instant now) {
		return this.lifecycle.published(this.snapshot, now)
			.stream()
			.map(key -> this.publicKeys.computeIfAbsent(key.kid(), kid -> this.vault.publicJwk(key)))
			.toList();
	}

}
