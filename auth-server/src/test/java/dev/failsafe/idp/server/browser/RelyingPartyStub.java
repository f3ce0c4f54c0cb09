package dev.failsafe.idp.server.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.Forms;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.fail;

/**
 * Stands in for the demo clients at {@code http://127.0.0.1:8081}, where their registered redirect
 * and post-logout redirect URIs point: records the URI of every request the browser makes and
 * answers a blank 200 page, so a test knows exactly where the provider sent the browser. The
 * browser's own {@value #FAVICON} requests are answered 404 and not recorded; the provider's
 * back-channel logout POSTs to the shop are answered 200 and kept apart ({@link #awaitLogoutToken}).
 */
final class RelyingPartyStub implements AutoCloseable {

	static final int PORT = 8081;

	static final String ORIGIN = "http://127.0.0.1:" + PORT;

	private static final String FAVICON = "/favicon.ico";

	private final HttpServer server;

	private final BlockingQueue<URI> arrivals = new LinkedBlockingQueue<>();

	private final List<URI> requests = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> logoutTokens = new LinkedBlockingQueue<>();

	private RelyingPartyStub(HttpServer server) {
		this.server = server;
	}

	/** Listens on 127.0.0.1:8081, or fails saying the port is taken. */
	static RelyingPartyStub start() {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT), 0);
		}
		catch (BindException ex) {
			throw new IllegalStateException("Port " + PORT + " on 127.0.0.1 is taken, but the browser tests must "
					+ "listen there: the demo clients' registered redirect URIs point to " + ORIGIN
					+ ". Stop whatever listens on it (ss -ltnp 'sport = :" + PORT + "') and run again.", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		RelyingPartyStub stub = new RelyingPartyStub(server);
		server.createContext("/", stub::answer);
		server.start();
		return stub;
	}

	/** Forgets what was recorded so far. */
	void clear() {
		this.arrivals.clear();
		this.requests.clear();
		this.logoutTokens.clear();
	}

	/**
	 * The next logout token the provider posted to the demo shop's back-channel logout URI (which
	 * this stub answers 200, apart from the browser's requests), waiting up to {@code deadline}.
	 */
	String awaitLogoutToken(Duration deadline) {
		try {
			String token = this.logoutTokens.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
			return (token != null) ? token : fail("No logout token reached %s within %s",
					Demo.SHOP_BACKCHANNEL_LOGOUT_URI, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted");
		}
	}

	/** Every request received since the last {@link #clear()}, in order. */
	List<URI> requests() {
		return List.copyOf(this.requests);
	}

	/** Waits up to {@code deadline} for a request to {@code path}; fails the test if none comes. */
	URI awaitRequest(String path, Duration deadline) {
		long end = System.nanoTime() + deadline.toNanos();
		List<URI> others = new ArrayList<>();
		try {
			for (long left = deadline.toNanos(); left > 0; left = end - System.nanoTime()) {
				URI request = this.arrivals.poll(left, TimeUnit.NANOSECONDS);
				if (request != null && path.equals(request.getPath())) {
					return request;
				}
				if (request != null) {
					others.add(request);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return fail("The browser did not arrive at %s%s within %s (requests seen: %s)", ORIGIN, path, deadline,
				others);
	}

	/** The decoded query parameters of {@code uri} (first value of each). */
	static Map<String, String> queryParameters(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.fromUri(uri)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(UriUtils.decode(name, StandardCharsets.UTF_8),
					(values.getFirst() != null) ? UriUtils.decode(values.getFirst(), StandardCharsets.UTF_8) : ""));
		return parameters;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		if ("POST".equals(exchange.getRequestMethod())
				&& Demo.SHOP_BACKCHANNEL_LOGOUT_URI.equals(ORIGIN + exchange.getRequestURI().getPath())) {
			String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.logoutTokens.add(Forms.queryParameters("?" + form).get("logout_token"));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
			return;
		}
		if (FAVICON.equals(exchange.getRequestURI().getPath())) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		URI request = URI.create(ORIGIN + exchange.getRequestURI());
		this.requests.add(request);
		this.arrivals.add(request);
		byte[] body = "<!DOCTYPE html><title>Relying party</title><p>Relying party stub"
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
