package dev.failsafe.idp.server.keys;

import java.time.Instant;

import dev.failsafe.idp.replication.keyring.KeyState;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

/**
 * One key as operators see it, with its state derived at one instant: what {@link KeyRingService}
 * answers (never private material).
 *
 * @param kid the key's kid
 * @param algorithm its algorithm
 * @param state its state at the time asked
 * @param publishAt from when it is published
 * @param activateAt from when it signs
 * @param supersededAt when a newer key took over signing, or null
 * @param revokedAt when it was revoked, or null
 */
public record KeyStatus(String kid, SigningAlgorithm algorithm, KeyState state, Instant publishAt, Instant activateAt,
		Instant supersededAt, Instant revokedAt) {
}
