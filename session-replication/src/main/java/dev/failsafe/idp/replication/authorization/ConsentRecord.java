package dev.failsafe.idp.replication.authorization;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * What a user granted a client: the authorities (scopes as {@code SCOPE_x}) of their consent.
 *
 * @param registeredClientId the client's registration id
 * @param principalName the user
 * @param authorities the granted authorities, never empty
 */
public record ConsentRecord(String registeredClientId, String principalName, Set<String> authorities)
		implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public ConsentRecord {
		Objects.requireNonNull(registeredClientId, "registeredClientId");
		Objects.requireNonNull(principalName, "principalName");
		authorities = Set.copyOf(authorities);
	}

}
