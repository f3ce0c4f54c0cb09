package dev.failsafe.idp.server.keys;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import dev.failsafe.idp.replication.keyring.KeyLifecycle;
import dev.failsafe.idp.replication.keyring.KeyRevocation;
import dev.failsafe.idp.replication.keyring.KeyRing;
import dev.failsafe.idp.replication.keyring.KeyRingSnapshot;
import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;

/**
 * This node's view of the replicated key ring: the signer of each algorithm and the published
 * keys, both derived by {@link KeyLifecycle} from a cached snapshot of the ring.
 *
 * <p>The snapshot is refreshed on every ring change event and at least every few seconds, so a
 * node that missed an event converges anyway. Opened private keys are cached by kid, which is safe
 * because a kid names one immutable key material.
 */
public final class ActiveKeys {

	private final KeyRing ring;

	private final SigningKeyVault vault;

	private final KeyLifecycle lifecycle;

	private final Clock clock;

	private final Map<String, JWK> openedPrivateKeys = new ConcurrentHashMap<>();

	private volatile KeyRingSnapshot snapshot;

	public ActiveKeys(KeyRing ring, SigningKeyVault vault, KeyLifecycle lifecycle, Clock clock) {
		this.ring = ring;
		this.vault = vault;
		this.lifecycle = lifecycle;
		this.clock = clock;
		this.snapshot = ring.snapshot();
		ring.onChange(this::refresh);
	}

	/** Re-reads the ring; called on change events and by a periodic task. */
	public void refresh() {
		this.snapshot = this.ring.snapshot();
	}

	public KeyRingSnapshot snapshot() {
		return this.snapshot;
	}

	public KeyLifecycle lifecycle() {
		return this.lifecycle;
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** The private JWK that signs new tokens of {@code algorithm} right now. */
	public Optional<JWK> signer(String algorithm) {
		return this.lifecycle.signer(this.snapshot, algorithm, now())
			.map(key -> this.openedPrivateKeys.computeIfAbsent(key.kid(), kid -> this.vault.privateJwk(key)));
	}

	/** The public keys the JWKS must hold right now. */
	public List<JWK> published() {
		return this.lifecycle.published(this.snapshot, now()).stream().map(this.vault::publicJwk).toList();
	}

	/** Whether the ring has a signer for {@code algorithm} now, looking at the ring itself. */
	boolean hasSigner(String algorithm) {
		refresh();
		return this.lifecycle.signer(this.snapshot, algorithm, now()).isPresent();
	}

	void add(SigningKeyRecord key) {
		this.ring.add(key);
		refresh();
	}

	void revoke(KeyRevocation revocation) {
		this.ring.revoke(revocation);
		refresh();
	}

}
