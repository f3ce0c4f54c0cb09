package dev.failsafe.idp.server.sites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.failsafe.idp.server.stores.SilentMemberEviction;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Checks in the background that this node can read its directory ({@link DirectoryRead}), every
 * {@code idp.directory-check.interval}, each check bounded by {@code timeout}; the readiness probe
 * answers from the last {@link DirectoryState} at once. It exists for a member that goes silent (its
 * site cut off: packets vanish, nothing is refused): a probe that read the directory itself would
 * hang on the pool's connections to that member past the load balancer's check timeout, and the
 * load balancer would drain a site that can read from its own standby until the directory fails over.
 *
 * <p>A check that finds a dead connection, or gets no answer within its timeout (the pool handing out,
 * or validating, connections to a silent member), empties the pool ({@link SilentMemberEviction}, at
 * most once per {@code max-age}), so requests stop finding the silent member's connections one at a
 * time. A check still hanging past its timeout counts as failed, and no other starts until it returns.
 * Counted as {@code idp.directory.checks} by {@code outcome} ({@code read}, {@code failed},
 * {@code timeout}) and {@code idp.directory.pool_evictions}; a check that starts failing, an
 * eviction and the recovery are logged.
 */
final class DirectoryWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);

	private final DirectoryRead read;

	private final SilentMemberEviction eviction;

	private final DirectoryCheckProperties settings;

	private final Clock clock;

	private final MeterRegistry meters;

	private volatile DirectoryState state = DirectoryState.UNCHECKED;

	private volatile ScheduledExecutorService schedule;

	private CompletableFuture<DirectoryRead.Reached> pending;

	private Instant lastEviction = Instant.MIN;

	DirectoryWatch(DirectoryRead read, SilentMemberEviction eviction, DirectoryCheckProperties settings, Clock clock,
			MeterRegistry meters) {
		this.read = read;
		this.eviction = eviction;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	/** The latest state: what readiness answers from. */
	DirectoryState state() {
		return this.state;
	}

	/** Runs one check now (the scheduled thread's job; tests call it directly). */
	synchronized void check() {
		if (this.pending != null && !this.pending.isDone()) {
			return; // the earlier check still hangs; its failure is recorded and ages
		}
		CompletableFuture<DirectoryRead.Reached> attempt = new CompletableFuture<>();
		this.pending = attempt;
		Thread.ofVirtual().name("directory-read").start(() -> {
			try {
				attempt.complete(this.read.once());
			}
			catch (Exception | Error ex) {
				attempt.completeExceptionally(ex);
			}
		});
		try {
			record(attempt.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			fail("timeout", "no answer within " + this.settings.timeout(), true);
		}
		catch (ExecutionException ex) {
			fail("failed", ex.getCause().toString(), SilentMemberEviction.connectionLost(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A scheduled task that throws is never run again: log instead, and the next check runs. */
	private void checkOrLog() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.error("Directory check could not run", ex);
		}
	}

	private void record(DirectoryRead.Reached reached) {
		DirectoryState before = this.state;
		this.state = before.read(this.clock.instant(), reached);
		this.meters.counter("idp.directory.checks", "outcome", "read").increment();
		if (before.failing()) {
			log.info("Directory readable again, through a {}", reached.name().toLowerCase(Locale.ROOT));
		}
	}

	private void fail(String outcome, String problem, boolean silentMember) {
		Instant now = this.clock.instant();
		DirectoryState before = this.state;
		this.state = before.failed(now, problem);
		this.meters.counter("idp.directory.checks", "outcome", outcome).increment();
		if (!before.failing()) {
			log.warn("Directory check failed: {}", problem);
		}
		if (silentMember && !now.isBefore(this.lastEviction.plus(this.settings.maxAge()))
				&& this.eviction.evictAll()) {
			this.lastEviction = now;
			this.meters.counter("idp.directory.pool_evictions").increment();
			log.warn("Evicted every pooled directory connection: {}", problem);
		}
	}

	@Override
	public void start() {
		check(); // ready from the start when the directory answers
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "directory-check");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.interval().toMillis();
		scheduler.scheduleWithFixedDelay(this::checkOrLog, interval, interval, TimeUnit.MILLISECONDS);
		this.schedule = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.schedule;
		this.schedule = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
