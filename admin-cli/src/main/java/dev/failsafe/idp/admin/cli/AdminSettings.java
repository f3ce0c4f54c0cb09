package dev.failsafe.idp.admin.cli;

import java.net.URI;

/**
 * Where the admin API is and who calls it. {@code toString} leaves the secret out.
 *
 * @param issuer the provider's issuer, without a trailing slash
 * @param clientId the admin client's id
 * @param clientSecret its secret
 */
record AdminSettings(URI issuer, String clientId, String clientSecret) {

	@Override
	public String toString() {
		return "AdminSettings[issuer=" + this.issuer + ", clientId=" + this.clientId + ", clientSecret=(hidden)]";
	}

}
