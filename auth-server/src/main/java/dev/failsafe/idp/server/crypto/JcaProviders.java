package dev.failsafe.idp.server.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Locale;
import java.util.function.Supplier;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * Puts the chosen JCA provider first in the JVM's provider list. The JDK's RSA is several times
 * slower than native code, and RS256 signing is most of what the token endpoint costs (README,
 * "Benchmarks"); Amazon Corretto Crypto Provider (AWS-LC) signs at the native rate. When its native
 * library cannot load or fails its self-test, the JDK's providers stay in charge and the reason is
 * reported, never an error: signing is slower, not broken.
 */
public final class JcaProviders {

	private final Supplier<Provider> nativeProvider;

	/** Amazon Corretto Crypto Provider as the native provider. */
	public JcaProviders() {
		this(JcaProviders::healthyCorretto);
	}

	/** @param nativeProvider the native provider, checked; throws (any {@link Throwable}) when unusable */
	JcaProviders(Supplier<Provider> nativeProvider) {
		this.nativeProvider = nativeProvider;
	}

	/**
	 * Applies the choice to the JVM (idempotent: {@code jdk} also takes a native provider out
	 * again) and says which provider now signs each algorithm.
	 */
	public Outcome apply(CryptoProperties.JcaProvider choice) {
		String fallbackReason = null;
		if (choice == CryptoProperties.JcaProvider.ACCP) {
			try {
				Provider provider = this.nativeProvider.get();
				if (Security.getProvider(provider.getName()) == null) {
					Security.insertProviderAt(provider, 1);
				}
			}
			catch (Throwable unusable) {
				fallbackReason = unusable.toString();
			}
		}
		else {
			Security.removeProvider(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
		}
		return new Outcome(choice, signer("SHA256withRSA"), signer("SHA256withECDSA"), fallbackReason);
	}

	private static Provider healthyCorretto() {
		Throwable loadingError = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
		if (loadingError != null) {
			throw new IllegalStateException("its native library did not load: " + loadingError, loadingError);
		}
		AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
		return AmazonCorrettoCryptoProvider.INSTANCE;
	}

	private static String signer(String algorithm) {
		try {
			Provider provider = Signature.getInstance(algorithm).getProvider();
			return provider.getName() + " " + provider.getVersionStr();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(algorithm + " is required by the Java platform", ex);
		}
	}

	/**
	 * What {@link #apply} did.
	 *
	 * @param choice the setting
	 * @param rs256 the provider (name and version) that now signs RS256
	 * @param es256 the provider that now signs ES256
	 * @param fallbackReason why the native provider is not used although chosen, or null
	 */
	public record Outcome(CryptoProperties.JcaProvider choice, String rs256, String es256, String fallbackReason) {

		/** One line for the log. */
		public String describe() {
			String signers = "JWT signing: RS256 with " + this.rs256 + ", ES256 with " + this.es256 + " (idp.crypto.provider="
					+ this.choice.name().toLowerCase(Locale.ROOT) + ")";
			return (this.fallbackReason != null)
					? signers + "; Amazon Corretto Crypto Provider is unusable, the JDK's providers sign: " + this.fallbackReason
					: signers;
		}

	}

}
