package dev.failsafe.idp.e2e;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;

/**
 * The operator during the drill: through the load balancer, registers a client
 * ({@code POST /admin/clients}, a directory write that Patroni's quorum commit acknowledges only once
 * another place holds it) every half second, each with a new id, and keeps the ids that were
 * acknowledged (201). Afterwards {@link #lost} asks for each of them again. Bounded in count and
 * time. Records each attempt in the {@link OperationLog} as {@value #OPERATION}.
 */
final class AdminWrites implements AutoCloseable {

	static final String OPERATION = "adminWrite";

	private static final Duration PAUSE = Duration.ofMillis(500);

	private static final int MAX_WRITES = 2_000;

	private static final String CLIENT = """
			{"clientId":"%s","clientName":"Drill client","clientType":"confidential",
			 "grantTypes":["client_credentials"],"scopes":["orders.read"]}""";

	private final BackChannel backChannel;

	private final String issuer;

	private final String token;

	private final String prefix;

	private final OperationLog log;

	private final List<String> acknowledged = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ExecutorService writer = Executors.newSingleThreadExecutor();

	private AdminWrites(String issuer, String token, String prefix, OperationLog log) {
		this.issuer = issuer;
		this.backChannel = new BackChannel(Provider.at(issuer));
		this.token = token;
		this.prefix = prefix;
		this.log = log;
	}

	/**
	 * Starts writing with an admin token taken now (a signed JWT: it verifies at any site, whatever
	 * fails later); stops at {@link #close()} or after {@code maxDuration}.
	 */
	static AdminWrites start(String issuer, String prefix, OperationLog log, Duration maxDuration) throws Exception {
		String token = Acknowledged.retry(Instant.now().plusSeconds(30), () -> new BackChannel(Provider.at(issuer))
			.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE));
		AdminWrites writes = new AdminWrites(issuer, token, prefix, log);
		long stopAt = System.nanoTime() + maxDuration.toNanos();
		writes.writer.submit(() -> writes.run(stopAt));
		return writes;
	}

	/** How many writes were acknowledged so far. */
	int acknowledged() {
		return this.acknowledged.size();
	}

	/** The ids of the clients whose registration was acknowledged. */
	List<String> acknowledgedIds() {
		return List.copyOf(this.acknowledged);
	}

	/**
	 * Asks for every acknowledged client again through the load balancer, retrying "try again" until
	 * the deadline; answers the ids that are gone (404) or never came back.
	 */
	List<String> lost(Duration deadline) throws InterruptedException {
		Instant until = Instant.now().plus(deadline);
		List<String> lost = new ArrayList<>();
		for (String clientId : this.acknowledged) {
			int status = -1;
			while (true) {
				try {
					status = call("GET", "/admin/clients/" + clientId, null).status();
				}
				catch (UncheckedIOException ex) {
					status = -1;
				}
				if (status == 200 || status == 404 || Instant.now().isAfter(until)) {
					break;
				}
				Thread.sleep(200);
			}
			if (status != 200) {
				lost.add(clientId + " (" + status + ")");
			}
		}
		return lost;
	}

	private void run(long stopAt) {
		for (int i = 0; i < MAX_WRITES && this.running.get() && System.nanoTime() < stopAt; i++) {
			String clientId = this.prefix + "-" + i;
			long started = System.nanoTime();
			try {
				BackChannel.Reply created = call("POST", "/admin/clients", CLIENT.formatted(clientId));
				boolean ok = created.status() == 201;
				this.log.record(OPERATION, started, ok);
				if (ok) {
					this.acknowledged.add(clientId);
				}
				else {
					this.log.failed(OPERATION, created.status() + " " + created.raw().body());
				}
			}
			catch (RuntimeException ex) {
				this.log.record(OPERATION, started, false);
				this.log.failed(OPERATION, String.valueOf(ex.getMessage()));
			}
			try {
				Thread.sleep(PAUSE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private BackChannel.Reply call(String method, String path, String json) {
		return this.backChannel.bearer(method, URI.create(this.issuer + path), this.token, json);
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.writer.shutdown();
		if (!this.writer.awaitTermination(30, TimeUnit.SECONDS)) {
			this.writer.shutdownNow();
		}
	}

	/** For the report: the acknowledged ids' count and the lost ones. */
	Map<String, Object> summary(List<String> lost) {
		return Map.of("acknowledged", this.acknowledged.size(), "lost", lost);
	}

}
