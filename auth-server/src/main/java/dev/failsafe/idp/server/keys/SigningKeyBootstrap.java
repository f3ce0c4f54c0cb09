package dev.failsafe.idp.server.keys;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Makes sure the ring has a signer for every algorithm we issue before the node serves traffic
 * ({@link KeyRingService#ensureSigners}). Nodes that start together may each add one; the lifecycle
 * rule picks the same one everywhere.
 */
public final class SigningKeyBootstrap implements SmartInitializingSingleton {

	private final KeyRingService keys;

	public SigningKeyBootstrap(KeyRingService keys) {
		this.keys = keys;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.keys.ensureSigners();
	}

}
