package dev.failsafe.idp.server.logout;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * A validated RP-initiated logout request waiting for the user's confirmation, kept in the session.
 *
 * @param clientName the relying party's display name, or null
 * @param postLogoutRedirectUri a registered post-logout redirect URI (exactly matched by the
 * authorization server), or null
 * @param state the relying party's state, echoed back, or null
 */
record PendingLogout(String clientName, String postLogoutRedirectUri, String state) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** Where the session attribute lives. */
	static final String SESSION_ATTRIBUTE = PendingLogout.class.getName();

	/** Where to send the browser once the user is logged out. */
	String redirectTarget() {
		if (this.postLogoutRedirectUri == null) {
			return LogoutConfirmationController.DONE_PATH;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(this.postLogoutRedirectUri);
		if (this.state != null && !this.state.isEmpty()) {
			uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(this.state, StandardCharsets.UTF_8));
		}
		return uri.build(true).toUriString();
	}

}
