package dev.failsafe.idp.server.keys;

import java.time.Instant;
import java.util.List;

import dev.failsafe.idp.replication.keyring.SigningKeyRecord;
import dev.failsafe.idp.replication.keyring.SigningKeyVault;
import dev.failsafe.idp.server.audit.AuditLog;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes sure the ring has a signer for every algorithm we issue before the node serves traffic.
 *
 * <p>A key created here signs at once: on a first start no partner can have cached an older JWKS.
 * Nodes that start together may each add one; the lifecycle rule picks the same one everywhere.
 */
public final class SigningKeyBootstrap implements SmartInitializingSingleton {

	/** The algorithms clients may choose between; RS256 is the default. */
	public static final List<String> ALGORITHMS = List.of("RS256", "ES256");

	private final ActiveKeys keys;

	private final SigningKeyVault vault;

	private final AuditLog audit;

	public SigningKeyBootstrap(ActiveKeys keys, SigningKeyVault vault, AuditLog audit) {
		this.keys = keys;
		this.vault = vault;
		this.audit = audit;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String algorithm : ALGORITHMS) {
			if (!this.keys.hasSigner(algorithm)) {
				Instant now = this.keys.now();
				SigningKeyRecord key = this.vault.generate(algorithm, now, now);
				this.keys.add(key);
				this.audit.keyChange("key.created", key.kid(), "algorithm=" + algorithm + " reason=no-active-signer");
			}
		}
	}

}
