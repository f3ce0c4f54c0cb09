package dev.failsafe.idp.server.dpop;

import dev.failsafe.idp.server.clients.ClientProtocolSettings;
import dev.failsafe.idp.server.protocol.ProtocolErrors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A client registered with {@link ClientProtocolSettings#DPOP_BOUND_ACCESS_TOKENS} gets tokens only
 * with a DPoP proof (RFC 9449 section 5.2): a token request without one is refused with
 * {@code invalid_dpop_proof}, whatever the grant. Wraps each grant's provider.
 */
public final class DpopRequired implements AuthenticationProvider {

	/** Where the token endpoint's converters put the {@code DPoP} header. */
	private static final String PROOF_PARAMETER = "dpop_proof";

	private final AuthenticationProvider grant;

	public DpopRequired(AuthenticationProvider grant) {
		this.grant = grant;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (authentication instanceof OAuth2AuthorizationGrantAuthenticationToken request
				&& request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null
				&& ClientProtocolSettings.requiresDpop(client.getRegisteredClient())
				&& request.getAdditionalParameters().get(PROOF_PARAMETER) == null) {
			throw new OAuth2AuthenticationException(
					ProtocolErrors.invalidDpopProof("This client must send a DPoP proof with its token requests."));
		}
		return this.grant.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.grant.supports(authentication);
	}

}
