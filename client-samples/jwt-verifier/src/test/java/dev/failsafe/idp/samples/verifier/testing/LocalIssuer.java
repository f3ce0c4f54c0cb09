package dev.failsafe.idp.samples.verifier.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in issuer for tests of the verifier and of resource servers: RSA keys named by their RFC
 * 7638 thumbprint like the provider's, a real HTTP server on loopback publishing them at
 * {@value #JWKS_PATH} and counting every GET of it, and access tokens shaped like the provider's
 * (RFC 9068). {@link #stop()} makes it unreachable (connection refused) and {@link #restart()}
 * brings it back on the same port.
 */
public final class LocalIssuer implements AutoCloseable {

	public static final String JWKS_PATH = "/oauth2/jwks";

	public static final String ISSUER = "https://issuer.test";

	public static final String AUDIENCE = "https://partner-api.test";

	private final List<RSAKey> keys = new ArrayList<>();

	private final AtomicInteger jwksFetches = new AtomicInteger();

	private int port;

	private HttpServer server;

	private LocalIssuer() {
	}

	/** An issuer with one signing key, listening on a free loopback port. */
	public static LocalIssuer create() {
		LocalIssuer issuer = new LocalIssuer();
		issuer.rotate();
		issuer.listen();
		return issuer;
	}

	/** Listens again on the same port after {@link #stop()}. */
	public synchronized void restart() {
		listen();
	}

	/** Stops answering: connections are refused, as when the provider is down. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	public URI jwksUri() {
		return URI.create("http://127.0.0.1:" + this.port + JWKS_PATH);
	}

	/** How many times the JWKS was fetched so far. */
	public int jwksFetches() {
		return this.jwksFetches.get();
	}

	/** Adds a new key, which signs from now on (the older ones stay published). */
	public synchronized RSAKey rotate() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
			this.keys.add(key);
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key that signs now. */
	public synchronized RSAKey signingKey() {
		return this.keys.getLast();
	}

	public synchronized JWKSet publicJwks() {
		return new JWKSet(new ArrayList<>(this.keys)).toPublicJWKSet();
	}

	/** A valid access token for {@link #AUDIENCE} (scope orders.read), as the provider issues them. */
	public String accessToken() {
		return accessToken(claims -> {
		});
	}

	/** An access token whose claims {@code customizer} may change, signed by the current key. */
	public String accessToken(Consumer<JWTClaimsSet.Builder> customizer) {
		JWTClaimsSet.Builder claims = accessTokenClaims();
		customizer.accept(claims);
		return sign(signingKey(), accessTokenHeader(signingKey().getKeyID()), claims.build());
	}

	/** The claims of a valid access token, five minutes long. */
	public static JWTClaimsSet.Builder accessTokenClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("alice")
			.audience(List.of("demo-shop", AUDIENCE))
			.claim("client_id", "demo-shop")
			.claim("scope", "orders.read")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
	}

	/** The header of an access token: RS256, {@code typ: at+jwt}, this kid. */
	public static JWSHeader.Builder accessTokenHeader(String kid) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(kid);
	}

	/** Signs with any RSA key (one of ours, or an attacker's). */
	public static String sign(RSAKey key, JWSHeader.Builder header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header.build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void listen() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port),
					0);
			server.createContext(JWKS_PATH, this::answerJwks);
			server.start();
			this.port = server.getAddress().getPort();
			this.server = server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void answerJwks(HttpExchange exchange) throws IOException {
		this.jwksFetches.incrementAndGet();
		byte[] body = publicJwks().toString().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
