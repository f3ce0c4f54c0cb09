package dev.failsafe.idp.samples.partnerapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A partner's API: orders, open to access tokens of the provider that carry its scopes and name it
 * in {@code aud}, verified locally by jwt-verifier, so it keeps working while the provider is down.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PartnerApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(PartnerApiApplication.class, args);
	}

}
