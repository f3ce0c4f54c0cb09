package dev.failsafe.idp.e2e;

import java.net.URI;

import dev.failsafe.idp.testing.signin.Shopper;

/** What the drill asks of partner-api: does it accept this access token for {@code GET /api/orders}. */
final class PartnerCalls {

	private PartnerCalls() {
	}

	static boolean orders(Shopper browser, String partnerApi, String accessToken) {
		return browser.backChannel().bearer("GET", URI.create(partnerApi + "/api/orders"), accessToken, null)
			.status() == 200;
	}

}
