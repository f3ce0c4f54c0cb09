package dev.failsafe.idp.server.pages;

import dev.failsafe.idp.server.ProviderProperties;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows: the product's name. */
@ControllerAdvice
final class PageAttributes {

	private final ProviderProperties provider;

	PageAttributes(ProviderProperties provider) {
		this.provider = provider;
	}

	@ModelAttribute("productName")
	String productName() {
		return this.provider.productName();
	}

}
