package dev.failsafe.idp.samples.shop.orders;

import dev.failsafe.idp.samples.shop.ShopProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shopper's orders at partner-api, called with their access token. The token comes from the
 * shop's session and is refreshed through the provider only once it has expired; when that is not
 * possible (the provider is down), the page says so instead of failing.
 */
@Controller
final class OrdersController {

	private final OAuth2AuthorizedClientManager clients;

	private final PartnerApiClient partnerApi;

	OrdersController(OAuth2AuthorizedClientManager clients, ShopProperties shop) {
		this.clients = clients;
		this.partnerApi = new PartnerApiClient(shop);
	}

	/**
	 * The order form.
	 *
	 * @param item what to order
	 * @param quantity how many
	 */
	record OrderForm(@NotBlank @Size(max = 100) String item, @Min(1) @Max(99) int quantity) {
	}

	@GetMapping("/orders")
	String orders(Authentication shopper, HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("user", shopper.getPrincipal());
		try {
			model.addAttribute("orders", this.partnerApi.list(accessToken(shopper, request, response)).orders());
		}
		catch (PartnerApiClient.PartnerApiException | OAuth2AuthorizationException ex) {
			model.addAttribute("problem", message(ex));
		}
		return "orders";
	}

	@PostMapping("/orders")
	String place(@Validated @ModelAttribute OrderForm form, BindingResult errors, Authentication shopper,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("problem", "Enter an item (up to 100 characters) and a quantity from 1 to 99.");
			return "redirect:/orders";
		}
		try {
			this.partnerApi.place(accessToken(shopper, request, response), form.item(), form.quantity());
			redirect.addFlashAttribute("placed", form.item());
		}
		catch (PartnerApiClient.PartnerApiException | OAuth2AuthorizationException ex) {
			redirect.addFlashAttribute("problem", message(ex));
		}
		return "redirect:/orders";
	}

	/** The shopper's access token, refreshed through the provider if it has expired. */
	private String accessToken(Authentication shopper, HttpServletRequest request, HttpServletResponse response) {
		OAuth2AuthorizedClient client = this.clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("demo")
			.principal(shopper)
			.attribute(HttpServletRequest.class.getName(), request)
			.attribute(HttpServletResponse.class.getName(), response)
			.build());
		if (client == null) {
			throw new OAuth2AuthorizationException(new org.springframework.security.oauth2.core.OAuth2Error(
					"no_authorized_client"));
		}
		return client.getAccessToken().getTokenValue();
	}

	private static String message(Exception failure) {
		if (failure instanceof OAuth2AuthorizationException) {
			return "Your access to orders has expired and the login provider cannot renew it right now. Please try "
					+ "again later or log in again.";
		}
		return failure.getMessage();
	}

}
