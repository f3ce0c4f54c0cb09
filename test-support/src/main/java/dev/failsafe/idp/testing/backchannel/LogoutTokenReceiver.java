package dev.failsafe.idp.testing.backchannel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.tls.SelfSignedCertificate;

/**
 * A relying party's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 section
 * 2.5) for tests: listens on 127.0.0.1 over HTTP ({@link #start()}), or on another address over
 * HTTPS with a throwaway certificate ({@link #startHttps}: a relying party a provider in another
 * network namespace reaches, as client rules want https for any URI but loopback). It records every
 * POST it gets (the form, the {@code logout_token}, when it came and from which address) and answers
 * as told: 200 by default, another status, or not at all until {@link #release()} (a relying party
 * that hangs, or one that is still answering when its caller dies). A request is answered with the
 * status set when it arrived, even if held past a later {@link #answer(int)}. Requests are handled on
 * virtual threads, so held ones do not block the others.
 */
public final class LogoutTokenReceiver implements AutoCloseable {

	/** The path the endpoint listens on. */
	public static final String PATH = "/backchannel-logout";

	private final HttpServer server;

	private final BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile CountDownLatch hold = new CountDownLatch(0);

	private final AtomicInteger answering = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	/**
	 * One request as it arrived.
	 *
	 * @param method the HTTP method
	 * @param query the request URI's query (null if none): who sent it, when each sender was given a
	 * {@link #uri(String)} of its own
	 * @param contentType its {@code Content-Type}, or null
	 * @param form the form fields (first value of each)
	 * @param at when it arrived
	 * @param from the IP address the connection came from: which host sent it
	 */
	public record Received(String method, String query, String contentType, Map<String, String> form, Instant at,
			String from) {

		/** The {@code logout_token} field, or null. */
		public String logoutToken() {
			return this.form.get("logout_token");
		}

	}

	private LogoutTokenReceiver(HttpServer server) {
		this.server = server;
	}

	/** A receiver on a free port of 127.0.0.1. */
	public static LogoutTokenReceiver start() {
		return start(0);
	}

	/** A receiver on {@code port} of 127.0.0.1 (0: a free one). */
	public static LogoutTokenReceiver start(int port) {
		try {
			return serve(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A receiver over HTTPS on a free port of {@code address} (an IP address of this host), presenting
	 * {@code certificate} (made for that address; its callers must trust it).
	 */
	public static LogoutTokenReceiver startHttps(String address, SelfSignedCertificate certificate) {
		try {
			HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
			return serve(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static LogoutTokenReceiver serve(HttpServer server) {
		LogoutTokenReceiver receiver = new LogoutTokenReceiver(server);
		server.createContext(PATH, receiver::answer);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.start();
		return receiver;
	}

	/** The endpoint's URI, to register as a client's {@code backchannel_logout_uri}. */
	public String uri() {
		InetSocketAddress bound = this.server.getAddress();
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return scheme + "://" + bound.getAddress().getHostAddress() + ":" + bound.getPort() + PATH;
	}

	/** The endpoint's URI with a query naming {@code sender}, so a request shows who made it. */
	public String uri(String sender) {
		return uri() + "?sender=" + sender;
	}

	/** Answers every request that arrives from now on with {@code httpStatus}. */
	public void answer(int httpStatus) {
		this.status = httpStatus;
	}

	/** Later requests are recorded at once but answered only after {@link #release()}. */
	public void hold() {
		this.hold = new CountDownLatch(1);
	}

	/** Answers the held requests, and the later ones at once. */
	public void release() {
		this.hold.countDown();
	}

	/** The next request not yet awaited, waiting up to {@code deadline}; null if none came. */
	public Received await(Duration deadline) {
		try {
			return this.arrivals.poll(deadline.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** Every request so far, in order. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The most requests it was answering at one moment (held ones included), since it started. */
	public int mostAtOnce() {
		return this.mostAtOnce.get();
	}

	/** Forgets what was received (not yet awaited ones too). */
	public void clear() {
		this.arrivals.clear();
		this.received.clear();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getQuery(),
				exchange.getRequestHeaders().getFirst("Content-Type"), Forms.queryParameters("?" + body), Instant.now(),
				exchange.getRemoteAddress().getAddress().getHostAddress());
		int answer = this.status;
		int now = this.answering.incrementAndGet();
		this.mostAtOnce.accumulateAndGet(now, Math::max);
		this.received.add(request);
		this.arrivals.add(request);
		try {
			this.hold.await(2, TimeUnit.MINUTES);
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(answer, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// The caller gave up (its timeout) or died before the answer.
		}
		finally {
			this.answering.decrementAndGet();
			exchange.close();
		}
	}

}
