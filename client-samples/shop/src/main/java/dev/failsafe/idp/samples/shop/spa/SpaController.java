package dev.failsafe.idp.samples.shop.spa;

import java.util.Map;

import dev.failsafe.idp.samples.shop.ShopProperties;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Serves the single-page application (public client {@code demo-spa}): one page for both its
 * address and its redirect URI, and its settings as JSON so the script holds no addresses.
 */
@Controller
final class SpaController {

	private final ShopProperties shop;

	SpaController(ShopProperties shop) {
		this.shop = shop;
	}

	@GetMapping({ "/spa", "/spa/", "/spa/callback" })
	String page() {
		return "forward:/spa/index.html";
	}

	@GetMapping("/spa/config.json")
	@ResponseBody
	Map<String, String> config() {
		return Map.of("issuer", this.shop.issuer().toString(), "authorizationEndpoint",
				this.shop.endpoint("/oauth2/authorize"), "tokenEndpoint", this.shop.endpoint("/oauth2/token"),
				"endSessionEndpoint", this.shop.endpoint("/connect/logout"), "clientId", this.shop.spaClientId(),
				"partnerApi", this.shop.partnerApi().toString().replaceAll("/+$", ""));
	}

}
