package dev.failsafe.idp.samples.shop.orders;

import java.util.List;
import java.util.Map;

import dev.failsafe.idp.samples.shop.ShopProperties;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** partner-api's orders, called with the shopper's access token. */
final class PartnerApiClient {

	private final RestClient http;

	PartnerApiClient(ShopProperties shop) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(shop.partnerApiTimeout());
		requests.setReadTimeout(shop.partnerApiTimeout());
		this.http = RestClient.builder().baseUrl(shop.partnerApi().toString()).requestFactory(requests).build();
	}

	/**
	 * @param subject whose orders
	 * @param orders what partner-api lists
	 */
	record Orders(String subject, List<Map<String, Object>> orders) {
	}

	Orders list(String accessToken) throws PartnerApiException {
		try {
			return this.http.get().uri("/api/orders").headers(headers -> headers.setBearerAuth(accessToken)).retrieve()
				.body(Orders.class);
		}
		catch (RestClientException ex) {
			throw PartnerApiException.of(ex);
		}
	}

	void place(String accessToken, String item, int quantity) throws PartnerApiException {
		try {
			this.http.post()
				.uri("/api/orders")
				.headers(headers -> headers.setBearerAuth(accessToken))
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("item", item, "quantity", quantity))
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			throw PartnerApiException.of(ex);
		}
	}

	/** partner-api refused or could not be reached; the message is for the shopper. */
	static final class PartnerApiException extends Exception {

		private PartnerApiException(String message, Throwable cause) {
			super(message, cause);
		}

		static PartnerApiException of(RestClientException failure) {
			if (failure instanceof RestClientResponseException response) {
				int status = response.getStatusCode().value();
				String message = switch (status) {
					case 400 -> "The order was not accepted: check the item and quantity.";
					case 401 -> "Your access to orders has expired. Please log in again.";
					case 403 -> "You did not allow the shop to do that.";
					case 503 -> "Orders are temporarily unavailable. Please try again shortly.";
					default -> "Orders answered with an error (" + status + "). Please try again.";
				};
				return new PartnerApiException(message, failure);
			}
			return new PartnerApiException("Orders cannot be reached right now. Please try again shortly.", failure);
		}

	}

}
