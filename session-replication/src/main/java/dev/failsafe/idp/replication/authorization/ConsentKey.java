package dev.failsafe.idp.replication.authorization;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * The key of a consent in {@value HazelcastConsentStore#CONSENTS_MAP}: client and user as two
 * fields, so no separator can make two pairs collide.
 *
 * @param registeredClientId the client's registration id
 * @param principalName the user
 */
record ConsentKey(String registeredClientId, String principalName) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	ConsentKey {
		Objects.requireNonNull(registeredClientId, "registeredClientId");
		Objects.requireNonNull(principalName, "principalName");
	}

	static ConsentKey of(ConsentRecord consent) {
		return new ConsentKey(consent.registeredClientId(), consent.principalName());
	}

}
