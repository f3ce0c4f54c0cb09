package dev.failsafe.idp.replication.authorization;

import java.util.Optional;

/** Stores users' consents per client. Writes follow the same durability rule as {@link AuthorizationStore}. */
public interface ConsentStore {

	Optional<ConsentRecord> find(String registeredClientId, String principalName);

	/** Stores or replaces the consent of this user for this client. */
	void save(ConsentRecord consent);

	void remove(String registeredClientId, String principalName);

	/** Removes every consent of this user (a deleted user's name, if reused, inherits none). */
	void removeAll(String principalName);

}
