package dev.failsafe.idp.server.users;

/**
 * What users granted clients: authorizations (codes, access and refresh tokens) and consents, which a
 * security event revokes (implemented by the authorizations feature).
 */
public interface UserGrants {

	/** Revokes every authorization of {@code username}: its codes and tokens stop working; how many. */
	int revokeAll(String username);

	/** Forgets every consent of {@code username} (the account is gone). */
	void forgetConsents(String username);

}
