package dev.failsafe.idp.testing.backchannel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import dev.failsafe.idp.testing.tls.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogoutTokenReceiverTest {

	private static final Duration DEADLINE = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	@Test
	void startHttpsWhenCallerTrustsTheCertificateThenRecordsTheTokenAndTheSenderAddress() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.forAddress(this.dir, "127.0.0.1");
		try (LogoutTokenReceiver receiver = LogoutTokenReceiver.startHttps("127.0.0.1", certificate)) {
			assertThat(receiver.uri()).startsWith("https://127.0.0.1:").endsWith(LogoutTokenReceiver.PATH);

			assertThat(post(trusting(certificate), receiver.uri()).statusCode()).isEqualTo(200);

			LogoutTokenReceiver.Received received = receiver.await(DEADLINE);
			assertThat(received.logoutToken()).isEqualTo("a.b.c");
			assertThat(received.from()).isEqualTo("127.0.0.1");
		}
	}

	@Test
	void startHttpsWhenCallerDoesNotTrustTheCertificateThenHandshakeFails() {
		SelfSignedCertificate certificate = SelfSignedCertificate.forAddress(this.dir, "127.0.0.1");
		try (LogoutTokenReceiver receiver = LogoutTokenReceiver.startHttps("127.0.0.1", certificate)) {
			assertThatThrownBy(() -> post(HttpClient.newHttpClient(), receiver.uri()))
				.isInstanceOf(SSLHandshakeException.class);
			assertThat(receiver.received()).isEmpty();
		}
	}

	@Test
	void startHttpsWhenCertificateNamesAnotherAddressThenCallerRefusesIt() {
		SelfSignedCertificate other = SelfSignedCertificate.forAddress(this.dir, "127.0.0.2");
		try (LogoutTokenReceiver receiver = LogoutTokenReceiver.startHttps("127.0.0.1", other)) {
			assertThatThrownBy(() -> post(trusting(other), receiver.uri())).isInstanceOf(SSLHandshakeException.class);
		}
	}

	@Test
	void answerWhenChangedWhileARequestIsHeldThenHeldOneGetsTheStatusOfItsArrival() throws Exception {
		try (LogoutTokenReceiver receiver = LogoutTokenReceiver.start()) {
			HttpClient http = HttpClient.newHttpClient();
			receiver.answer(503);
			receiver.hold();
			CompletableFuture<HttpResponse<Void>> held = http.sendAsync(request(receiver.uri()),
					HttpResponse.BodyHandlers.discarding());
			assertThat(receiver.await(DEADLINE)).isNotNull();
			receiver.answer(200);
			receiver.release();

			assertThat(held.get().statusCode()).isEqualTo(503);
			assertThat(post(http, receiver.uri()).statusCode()).isEqualTo(200);
		}
	}

	private static HttpResponse<Void> post(HttpClient http, String uri) throws Exception {
		return http.send(request(uri), HttpResponse.BodyHandlers.discarding());
	}

	private static HttpRequest request(String uri) {
		return HttpRequest.newBuilder(URI.create(uri))
			.timeout(DEADLINE)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("logout_token=a.b.c"))
			.build();
	}

	/** A client trusting only {@code certificate}, as a JVM given its {@code trustStoreFlags()} does. */
	private static HttpClient trusting(SelfSignedCertificate certificate) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = java.nio.file.Files.newInputStream(certificate.trustStore())) {
			store.load(in, certificate.password().toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(context).build();
	}

}
