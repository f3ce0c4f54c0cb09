package dev.failsafe.idp.e2e;

import java.io.IOException;

/** What the drill asks of partner-api: does it accept this access token for {@code GET /api/orders}. */
final class PartnerCalls {

	private PartnerCalls() {
	}

	static boolean orders(DrillBrowser browser, String partnerApi, String accessToken)
			throws IOException, InterruptedException {
		return browser.bearer("GET", partnerApi + "/api/orders", accessToken, null).statusCode() == 200;
	}

}
