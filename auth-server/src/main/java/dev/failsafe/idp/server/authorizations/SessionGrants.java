package dev.failsafe.idp.server.authorizations;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.failsafe.idp.replication.authorization.AuthorizationStore;
import dev.failsafe.idp.server.sessions.SessionIds;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What a user's sign-in sessions were granted: each authorization of the user with the session
 * ({@code sid}, {@link SessionIds}) it was issued in, found through the store's principal index. A
 * logout uses it to know which relying parties to tell, and to revoke what the session was issued
 * (codes, access and refresh tokens; refresh tokens included, since none is issued without a
 * session here: no {@code offline_access}). A store that cannot confirm a removal throws
 * {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
public final class SessionGrants {

	private final StoredAuthorizationService authorizations;

	private final AuthorizationStore store;

	private final RegisteredClientRepository clients;

	SessionGrants(StoredAuthorizationService authorizations, AuthorizationStore store,
			RegisteredClientRepository clients) {
		this.authorizations = authorizations;
		this.store = store;
		this.clients = clients;
	}

	/**
	 * One authorization of a user.
	 *
	 * @param authorizationId its id in the store
	 * @param clientId the relying party's client id
	 * @param subject the user (the tokens' {@code sub})
	 * @param sessionId the session it was issued in, or empty if it does not know (issued before
	 * sessions had ids)
	 * @param tokensIssued whether the relying party holds tokens from it that still work (an access
	 * or refresh token issued and not revoked), so it has a session of its own to end
	 */
	public record Grant(String authorizationId, String clientId, String subject, String sessionId,
			boolean tokensIssued) {
	}

	/** Every authorization of {@code username}, in whichever session. */
	public List<Grant> of(String username) {
		return this.authorizations.findByPrincipalName(username)
			.stream()
			.map(this::grant)
			.flatMap(Optional::stream)
			.toList();
	}

	/** The authorizations of {@code username} issued in the session {@code sessionId}. */
	public List<Grant> in(String username, String sessionId) {
		return of(username).stream().filter(grant -> grant.sessionId().equals(sessionId)).toList();
	}

	/** Removes these authorizations: their codes and tokens stop working. */
	public void revoke(Collection<Grant> grants) {
		grants.forEach(grant -> this.store.remove(grant.authorizationId()));
	}

	private Optional<Grant> grant(OAuth2Authorization authorization) {
		RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
		if (client == null) {
			return Optional.empty();
		}
		Authentication user = authorization.getAttribute(Principal.class.getName());
		return Optional.of(new Grant(authorization.getId(), client.getClientId(), authorization.getPrincipalName(),
				SessionIds.of(user).orElse(""), tokensIssued(authorization)));
	}

	private static boolean tokensIssued(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
		return (access != null && access.isActive()) || (refresh != null && refresh.isActive());
	}

}
