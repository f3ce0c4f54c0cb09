package dev.failsafe.idp.samples.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of a real server that counts the GET requests per path it
 * forwards, so a test can count a partner's JWKS fetches where they really happen: on the wire.
 * When the server is down it answers 502, as a load balancer would.
 */
public final class CountingProxy implements AutoCloseable {

	private final HttpServer server;

	private final URI target;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private CountingProxy(HttpServer server, URI target) {
		this.server = server;
		this.target = target;
	}

	/** Forwards GET requests to {@code target} (scheme, host and port). */
	public static CountingProxy to(URI target) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			CountingProxy proxy = new CountingProxy(server, target);
			server.createContext("/", proxy::forward);
			server.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The proxy's URL for {@code path}. */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/** How many GETs of {@code path} arrived so far (forwarded or not). */
	public int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void forward(HttpExchange exchange) throws IOException {
		this.requests.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new AtomicInteger()).incrementAndGet();
		int status;
		byte[] body;
		String contentType = "text/plain";
		try {
			HttpResponse<byte[]> response = this.http.send(
					HttpRequest.newBuilder(this.target.resolve(exchange.getRequestURI().toString()))
						.timeout(Duration.ofSeconds(5))
						.build(),
					HttpResponse.BodyHandlers.ofByteArray());
			status = response.statusCode();
			body = response.body();
			contentType = response.headers().firstValue("Content-Type").orElse(contentType);
		}
		catch (IOException ex) {
			status = 502;
			body = ("upstream unreachable: " + ex).getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = 502;
			body = new byte[0];
		}
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
