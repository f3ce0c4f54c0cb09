package dev.failsafe.idp.samples.partnerapi.orders;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The token's subject's orders (scopes are checked by the security chain). */
@RestController
final class OrdersController {

	private final OrderBook book;

	OrdersController(OrderBook book) {
		this.book = book;
	}

	/**
	 * @param subject the token's {@code sub}
	 * @param orders that subject's orders, oldest first
	 */
	record Orders(String subject, List<Order> orders) {
	}

	@GetMapping("/api/orders")
	Orders list(@AuthenticationPrincipal Jwt token) {
		return new Orders(token.getSubject(), this.book.of(token.getSubject()));
	}

	@PostMapping("/api/orders")
	@ResponseStatus(HttpStatus.CREATED)
	Order place(@AuthenticationPrincipal Jwt token, @Valid @RequestBody NewOrder order) {
		return this.book.place(token.getSubject(), token.getClaimAsString("client_id"), order);
	}

}
