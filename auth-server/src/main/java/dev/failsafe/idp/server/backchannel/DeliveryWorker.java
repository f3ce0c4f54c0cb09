package dev.failsafe.idp.server.backchannel;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.backchannel.LogoutDelivery;
import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.server.clients.BackChannelLogoutRegistration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Makes the pending back-channel logout deliveries, on every node: it claims those that are due from
 * the shared store (each for {@code idp.backchannel-logout.lease}, so no other node makes it
 * meanwhile, and another takes it over if this node dies), and posts each on a virtual thread of its
 * own, at most {@code idp.backchannel-logout.concurrency} at once ({@link LogoutTokenPost}: bounded
 * in time). It looks for due deliveries every {@code poll-interval}, and at once when this node
 * schedules one.
 *
 * <p>A node that stops leaves the deliveries it holds to their leases, as a node that dies does.
 *
 * <p>A delivery the relying party answers with 2xx is done. Any other answer, or none, is tried again
 * after a growing wait ({@link Backoff}) until the bound, then given up. A delivery whose client is
 * gone or no longer has a back-channel logout URI is dropped. Each outcome is counted
 * ({@code idp.backchannel_logout.deliveries} by {@code outcome}: {@code delivered}, {@code retried},
 * {@code given_up}, {@code dropped}) and logged with the client and delivery id (never the token); the
 * time from the logout to its delivery is {@code idp.backchannel_logout.delay}.
 */
final class DeliveryWorker implements SmartLifecycle {

	/** The most deliveries claimed in one look. */
	private static final int MAX_BATCH = 64;

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final LogoutDeliveryStore store;

	private final RegisteredClientRepository clients;

	private final LogoutTokens tokens;

	private final LogoutTokenPost post;

	private final Backoff backoff;

	private final BackChannelLogoutProperties settings;

	private final Clock clock;

	private final Semaphore slots;

	private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final MeterRegistry meters;

	private final Timer delay;

	private volatile Thread loop;

	private volatile ExecutorService calls;

	DeliveryWorker(LogoutDeliveryStore store, RegisteredClientRepository clients, LogoutTokens tokens,
			LogoutTokenPost post, Backoff backoff, BackChannelLogoutProperties settings, Clock clock,
			MeterRegistry meters) {
		this.store = store;
		this.clients = clients;
		this.tokens = tokens;
		this.post = post;
		this.backoff = backoff;
		this.settings = settings;
		this.clock = clock;
		this.slots = new Semaphore(settings.concurrency());
		this.meters = meters;
		this.delay = Timer.builder("idp.backchannel_logout.delay")
			.description("From a logout's acknowledgement to its delivery to a relying party")
			.register(meters);
		Gauge.builder("idp.backchannel_logout.in_flight", this.inFlight, AtomicInteger::get)
			.description("Back-channel logout calls this node has in flight")
			.register(meters);
		Gauge.builder("idp.backchannel_logout.pending", this, DeliveryWorker::pendingOrNaN)
			.description("Back-channel logout deliveries pending in the shared store, claimed or not")
			.register(meters);
	}

	/** Makes the worker look for due deliveries now (a logout was just scheduled). */
	void wake() {
		this.wakeUps.offer(Boolean.TRUE);
	}

	@Override
	public void start() {
		this.calls = Executors.newVirtualThreadPerTaskExecutor();
		Thread thread = Thread.ofPlatform().name("backchannel-logout").daemon().unstarted(this::run);
		this.loop = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread running = this.loop;
		this.loop = null;
		if (running != null) {
			running.interrupt();
		}
		ExecutorService executor = this.calls;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop != null;
	}

	private void run() {
		while (this.loop == Thread.currentThread()) {
			try {
				if (!claimAndSend()) {
					this.wakeUps.poll(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not look for due back-channel logout deliveries: {}", ex.getMessage());
				pause();
			}
		}
	}

	/** Claims as many due deliveries as there are free slots and sends them; whether it filled its batch. */
	private boolean claimAndSend() throws InterruptedException {
		int free = Math.min(this.slots.availablePermits(), MAX_BATCH);
		if (free == 0) {
			return false;
		}
		List<LogoutDelivery> claimed = this.store.claimDue(this.clock.instant(), this.settings.lease(), free);
		for (LogoutDelivery delivery : claimed) {
			this.slots.acquire();
			this.inFlight.incrementAndGet();
			this.calls.execute(() -> {
				try {
					deliver(delivery);
				}
				finally {
					this.inFlight.decrementAndGet();
					this.slots.release();
				}
			});
		}
		return claimed.size() == free;
	}

	/** One attempt at a claimed delivery, and what it leads to. */
	void deliver(LogoutDelivery delivery) {
		try {
			RegisteredClient client = this.clients.findByClientId(delivery.clientId());
			Optional<BackChannelLogoutRegistration> registration = (client != null)
					? BackChannelLogoutRegistration.of(client) : Optional.empty();
			if (registration.isEmpty()) {
				this.store.complete(delivery);
				outcome(delivery, "dropped", "the client is gone or has no back-channel logout URI");
				return;
			}
			LogoutTokenPost.Answer answer = attempt(delivery, client, registration.get());
			if (Thread.currentThread().isInterrupted()) {
				// This node is stopping: it leaves the delivery to its claim's lease, as a dead node does.
				return;
			}
			Instant now = this.clock.instant();
			if (answer.delivered()) {
				this.store.complete(delivery);
				this.delay.record(Duration.between(delivery.createdAt(), now));
				outcome(delivery, "delivered", answer.toString());
				return;
			}
			Optional<Instant> next = this.backoff.nextAttempt(delivery.attempts() + 1, delivery.createdAt(), now);
			if (next.isEmpty()) {
				this.store.complete(delivery);
				outcome(delivery, "given_up", answer.toString());
			}
			else {
				this.store.reschedule(delivery, next.get());
				outcome(delivery, "retried", answer + ", next attempt at " + next.get());
			}
		}
		catch (StoreUnavailableException ex) {
			// The claim runs out and the delivery is made again, here or at another node.
			log.warn("Back-channel logout delivery {} not settled in the store: {}", delivery.id(), ex.getMessage());
		}
	}

	private LogoutTokenPost.Answer attempt(LogoutDelivery delivery, RegisteredClient client,
			BackChannelLogoutRegistration registration) {
		String token;
		try {
			token = this.tokens.tokenFor(delivery, client);
		}
		catch (RuntimeException ex) {
			return new LogoutTokenPost.Answer(0, "no logout token: " + ex.getMessage());
		}
		return this.post.post(URI.create(registration.uri()), token);
	}

	private void outcome(LogoutDelivery delivery, String outcome, String detail) {
		Counter.builder("idp.backchannel_logout.deliveries")
			.description("Back-channel logout delivery attempts by outcome")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
		log.atLevel(outcome.equals("delivered") || outcome.equals("retried") ? org.slf4j.event.Level.INFO
				: org.slf4j.event.Level.WARN)
			.addKeyValue("client.id", delivery.clientId())
			.addKeyValue("backchannel_logout.delivery", delivery.id())
			.addKeyValue("backchannel_logout.attempt", delivery.attempts() + 1)
			.addKeyValue("backchannel_logout.outcome", outcome)
			.log("Back-channel logout to {}: {} ({})", delivery.clientId(), outcome, detail);
	}

	private double pendingOrNaN() {
		try {
			return this.store.pending();
		}
		catch (StoreUnavailableException ex) {
			return Double.NaN;
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.settings.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
