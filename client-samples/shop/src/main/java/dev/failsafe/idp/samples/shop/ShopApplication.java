package dev.failsafe.idp.samples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A partner's web shop: "Login with" the provider (client {@code demo-shop}), a profile page, the
 * user's orders from partner-api with their access token, RP-initiated logout; and the SPA
 * ({@code demo-spa}) under {@code /spa/}. It starts and serves signed-in shoppers without the
 * provider: nothing is fetched from it at start.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShopApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShopApplication.class, args);
	}

}
