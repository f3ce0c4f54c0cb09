package dev.failsafe.idp.server.authorizations;

import java.util.List;

import dev.failsafe.idp.replication.authorization.AuthorizationRecord;
import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.replication.authorization.ConsentStore;
import dev.failsafe.idp.server.users.UserGrants;

/**
 * Revokes a user's authorizations by removing them from the replicated store, found through its
 * principal index: codes can no longer be redeemed, refresh tokens are {@code invalid_grant},
 * introspection calls the access tokens inactive and userinfo refuses them. (Access tokens are
 * signed JWTs: partners verifying them locally accept them until they expire, at most
 * {@code idp.tokens.access-token-ttl}.) A store that cannot confirm a removal throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
final class StoredUserGrants implements UserGrants {

	private final AuthorizationStore authorizations;

	private final ConsentStore consents;

	StoredUserGrants(AuthorizationStore authorizations, ConsentStore consents) {
		this.authorizations = authorizations;
		this.consents = consents;
	}

	@Override
	public int revokeAll(String username) {
		List<AuthorizationRecord> records = this.authorizations.findByPrincipalName(username);
		records.forEach(record -> this.authorizations.remove(record.id()));
		return records.size();
	}

	@Override
	public void forgetConsents(String username) {
		this.consents.removeAll(username);
	}

}
