package dev.failsafe.idp.server.crypto;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JcaProvidersTest {

	@AfterEach
	void restoreTheDefault() {
		new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);
	}

	@Test
	void applyWhenAccpThenItSignsRs256AndEs256() throws Exception {
		JcaProviders.Outcome outcome = new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);

		assertThat(outcome.fallbackReason()).isNull();
		assertThat(outcome.rs256()).startsWith("AmazonCorrettoCryptoProvider");
		assertThat(outcome.es256()).startsWith("AmazonCorrettoCryptoProvider");
		assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName())
			.isEqualTo("AmazonCorrettoCryptoProvider");
		assertThat(outcome.describe()).contains("RS256 with AmazonCorrettoCryptoProvider")
			.contains("idp.crypto.provider=accp");
	}

	@Test
	void applyWhenAppliedTwiceThenTheProviderIsListedOnce() {
		new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);
		new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);

		assertThat(Security.getProviders()).filteredOn(p -> p.getName().equals("AmazonCorrettoCryptoProvider"))
			.hasSize(1);
		assertThat(Security.getProviders()[0].getName()).isEqualTo("AmazonCorrettoCryptoProvider");
	}

	@Test
	void applyWhenJdkThenTheJdkSignsAgain() {
		new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);

		JcaProviders.Outcome outcome = new JcaProviders().apply(CryptoProperties.JcaProvider.JDK);

		assertThat(outcome.rs256()).startsWith("SunRsaSign");
		assertThat(outcome.es256()).startsWith("SunEC");
		assertThat(outcome.fallbackReason()).isNull();
	}

	@Test
	void applyWhenTheNativeLibraryCannotLoadThenTheJdkSignsAndTheReasonIsGiven() {
		new JcaProviders().apply(CryptoProperties.JcaProvider.JDK);

		JcaProviders.Outcome outcome = new JcaProviders(() -> {
			throw new UnsatisfiedLinkError("no libamazonCorrettoCryptoProvider in this test");
		}).apply(CryptoProperties.JcaProvider.ACCP);

		assertThat(outcome.rs256()).startsWith("SunRsaSign");
		assertThat(outcome.fallbackReason()).contains("no libamazonCorrettoCryptoProvider");
		assertThat(outcome.describe()).contains("unusable, the JDK's providers sign");
	}

	@Test
	void applyWhenAccpThenItsRs256SignaturesVerifyWithTheJdk() throws Exception {
		new JcaProviders().apply(CryptoProperties.JcaProvider.ACCP);
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		byte[] data = "header.claims".getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withRSA");
		signer.initSign(keys.getPrivate());
		signer.update(data);
		byte[] signature = signer.sign();

		Signature verifier = Signature.getInstance("SHA256withRSA", "SunRsaSign");
		verifier.initVerify(keys.getPublic());
		verifier.update(data);

		assertThat(signer.getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
		assertThat(verifier.verify(signature)).isTrue();
	}

}
