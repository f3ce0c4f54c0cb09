package dev.failsafe.idp.testing.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.signin.Pkce;

/**
 * A throwaway TLS identity for a test server reached at one IP address: an EC P-256 key and a
 * self-signed certificate naming that address (subject alternative name {@code ip:...}, so clients
 * check the host as they always do), made by the JDK's own {@code keytool} in a directory of the
 * test's, valid for a day. Beside it, a truststore holding only that certificate, for the clients
 * that must trust the server ({@link #trustStoreFlags()}: a JVM's default TLS context, which
 * {@code java.net.http.HttpClient} uses unless told otherwise); nothing else is trusted then.
 *
 * @param keyStore the PKCS#12 key store with the key and certificate (alias {@value #ALIAS})
 * @param trustStore the PKCS#12 truststore holding only the certificate
 * @param password both stores' password (random; a test's throwaway)
 */
public record SelfSignedCertificate(Path keyStore, Path trustStore, String password) {

	private static final String ALIAS = "server";

	/** Makes the key, certificate and truststore in {@code dir} for a server at {@code ipAddress}. */
	public static SelfSignedCertificate forAddress(Path dir, String ipAddress) {
		try {
			Files.createDirectories(dir);
			Path keyStore = dir.resolve("server.p12");
			Path trustStore = dir.resolve("trust.p12");
			Files.deleteIfExists(keyStore);
			Files.deleteIfExists(trustStore);
			String password = Pkce.randomToken();
			Command.of(keytool(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
					"-sigalg", "SHA256withECDSA", "-dname", "CN=" + ipAddress, "-ext", "san=ip:" + ipAddress,
					"-validity", "1", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password)
				.run();
			KeyStore keys = load(keyStore, password);
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry(ALIAS, keys.getCertificate(ALIAS));
			try (OutputStream out = Files.newOutputStream(trustStore)) {
				trusted.store(out, password.toCharArray());
			}
			return new SelfSignedCertificate(keyStore, trustStore, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A server's TLS context presenting the certificate. */
	public SSLContext serverContext() {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(load(this.keyStore, this.password), this.password.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The certificate itself. */
	public Certificate certificate() {
		try {
			return load(this.keyStore, this.password).getCertificate(ALIAS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JVM flags that make a launched JVM's default TLS context trust this certificate (only it). */
	public List<String> trustStoreFlags() {
		return List.of("-Djavax.net.ssl.trustStore=" + this.trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
				"-Djavax.net.ssl.trustStorePassword=" + this.password);
	}

	private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

	private static String keytool() {
		return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
	}

}
