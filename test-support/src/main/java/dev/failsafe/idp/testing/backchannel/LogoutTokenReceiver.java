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

import dev.failsafe.idp.testing.signin.Forms;

/**
 * A relying party's back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 section
 * 2.5) for tests: listens on 127.0.0.1, records every POST it gets (the form, the
 * {@code logout_token}, when it came) and answers as told: 200 by default, another status, or not at
 * all until {@link #release()} (a relying party that hangs, or one that is still answering when its
 * caller dies). Requests are handled on virtual threads, so held ones do not block the others.
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
	 */
	public record Received(String method, String query, String contentType, Map<String, String> form, Instant at) {

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
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
			LogoutTokenReceiver receiver = new LogoutTokenReceiver(server);
			server.createContext(PATH, receiver::answer);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The endpoint's URI, to register as a client's {@code backchannel_logout_uri}. */
	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/** The endpoint's URI with a query naming {@code sender}, so a request shows who made it. */
	public String uri(String sender) {
		return uri() + "?sender=" + sender;
	}

	/** Answers every later request with {@code httpStatus}. */
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
				exchange.getRequestHeaders().getFirst("Content-Type"), Forms.queryParameters("?" + body), Instant.now());
		int now = this.answering.incrementAndGet();
		this.mostAtOnce.accumulateAndGet(now, Math::max);
		this.received.add(request);
		this.arrivals.add(request);
		try {
			this.hold.await(2, TimeUnit.MINUTES);
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(this.status, -1);
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
