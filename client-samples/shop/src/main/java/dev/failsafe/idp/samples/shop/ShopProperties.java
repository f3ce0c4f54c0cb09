package dev.failsafe.idp.samples.shop;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shop's settings (README, "Partner samples").
 *
 * @param issuer the provider's issuer; its endpoints are the provider's paths under it (configured,
 * not discovered, so the shop starts while the provider is down)
 * @param clientId the shop's client id
 * @param clientSecret the shop's client secret
 * @param scopes the scopes a shopper's login asks for
 * @param partnerApi partner-api's base URL
 * @param spaClientId the SPA's (public) client id
 * @param providerCheckTimeout how long the "Log in" button waits to learn whether the provider
 * answers before showing the "sign-in unavailable" page
 * @param partnerApiTimeout connect and read timeout of calls to partner-api
 */
@Validated
@ConfigurationProperties("shop")
public record ShopProperties(@NotNull @DefaultValue("http://localhost:9000") URI issuer,
		@NotBlank @DefaultValue("demo-shop") String clientId, @NotBlank @DefaultValue("demo-shop-secret") String clientSecret,
		@NotEmpty @DefaultValue({ "openid", "profile", "email", "orders.read", "orders.write" }) List<String> scopes,
		@NotNull @DefaultValue("http://127.0.0.1:8082") URI partnerApi,
		@NotBlank @DefaultValue("demo-spa") String spaClientId,
		@NotNull @DefaultValue("2s") Duration providerCheckTimeout,
		@NotNull @DefaultValue("5s") Duration partnerApiTimeout) {

	public ShopProperties {
		scopes = List.copyOf(scopes);
	}

	/** An endpoint of the provider: {@code path} under the issuer. */
	public String endpoint(String path) {
		return this.issuer.toString().replaceAll("/+$", "") + path;
	}

	/** The origin ({@code scheme://host:port}) of {@code uri}, for the Content-Security-Policy. */
	public static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getAuthority();
	}

}
