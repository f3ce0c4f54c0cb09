package dev.failsafe.idp.server.admin;

import java.util.Arrays;

import dev.failsafe.idp.server.authorizations.ActiveAccessTokens;
import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Admin tokens are accepted while the authorization server still knows them as active, not merely
 * while their signature verifies: the token must be recorded, unrevoked and unexpired, its client
 * registered, with the secret it was issued under ({@link ActiveAccessTokens}), and still an
 * operator holding {@value OperatorClients#ADMIN_SCOPE}. Otherwise the token is invalid (401):
 * revoking it at {@code /oauth2/revoke}, deleting its client or rotating the client's secret ends
 * it at once on this node, and within {@code idp.clients.cache-time} on the others.
 *
 * <p>A valid token without the admin scope passes here and is refused by the scope rule (403).
 */
final class ActiveAdminTokenDecoder implements JwtDecoder {

	private final JwtDecoder signatures;

	private final ActiveAccessTokens active;

	ActiveAdminTokenDecoder(JwtDecoder signatures, ActiveAccessTokens active) {
		this.signatures = signatures;
		this.active = active;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.signatures.decode(token);
		boolean grantsAdmin = grantsAdmin(jwt);
		boolean accepted = this.active.clientOf(token)
			.filter(client -> !grantsAdmin
					|| (OperatorClients.isOperator(client) && client.getScopes().contains(OperatorClients.ADMIN_SCOPE)))
			.isPresent();
		if (!accepted) {
			throw new BadJwtException("The token is not active");
		}
		return jwt;
	}

	/** Our access tokens carry {@code scope} as one space-separated string (RFC 9068). */
	private static boolean grantsAdmin(Jwt jwt) {
		String scope = jwt.getClaimAsString("scope");
		return scope != null && Arrays.asList(scope.split(" ")).contains(OperatorClients.ADMIN_SCOPE);
	}

}
