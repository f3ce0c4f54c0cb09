package dev.failsafe.idp.samples.shop.login;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.failsafe.idp.samples.shop.ShopProperties;

/**
 * Whether the provider answers at all, asked before a shopper is sent to it: a browser sent to a
 * provider that is down shows its own connection error, with no way back to the shop.
 */
final class ProviderCheck {

	private final URI discovery;

	private final Duration timeout;

	private final HttpClient http;

	ProviderCheck(ShopProperties shop) {
		this.discovery = URI.create(shop.endpoint("/.well-known/openid-configuration"));
		this.timeout = shop.providerCheckTimeout();
		this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
	}

	boolean answers() {
		try {
			HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(this.discovery).timeout(this.timeout).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
