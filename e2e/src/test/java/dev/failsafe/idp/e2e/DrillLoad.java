package dev.failsafe.idp.e2e;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.Shopper;

/**
 * The drill's bounded load through the load balancer: each virtual user, one after the other, logs
 * in through the real login and consent forms with a fresh browser, exchanges the code, reads
 * userinfo, refreshes, reads the JWKS and calls partner-api with the access token. A failed step
 * ends the iteration (the next one starts over, as a shopper would). Bounded in time and in
 * iterations.
 */
final class DrillLoad implements AutoCloseable {

	static final String SCOPE = "openid profile orders.read";

	private static final int MAX_ITERATIONS_PER_USER = 5_000;

	private static final Duration PAUSE = Duration.ofMillis(20);

	private static final Duration BACK_OFF = Duration.ofMillis(200);

	private final String issuer;

	private final String partnerApi;

	private final OperationLog log;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ExecutorService users;

	private DrillLoad(String issuer, String partnerApi, OperationLog log, int virtualUsers) {
		this.issuer = issuer;
		this.partnerApi = partnerApi;
		this.log = log;
		this.users = Executors.newFixedThreadPool(virtualUsers);
	}

	/** Starts {@code virtualUsers} users; they stop at {@link #close()} or after {@code maxDuration}. */
	static DrillLoad start(String issuer, String partnerApi, OperationLog log, int virtualUsers, Duration maxDuration) {
		DrillLoad load = new DrillLoad(issuer, partnerApi, log, virtualUsers);
		long stopAt = System.nanoTime() + maxDuration.toNanos();
		for (int i = 0; i < virtualUsers; i++) {
			load.users.submit(() -> load.run(stopAt));
		}
		return load;
	}

	private void run(long stopAt) {
		for (int i = 0; i < MAX_ITERATIONS_PER_USER && this.running.get() && System.nanoTime() < stopAt; i++) {
			try {
				// A shopper whose step failed waits a little longer before starting over.
				Thread.sleep(iteration() ? PAUSE : BACK_OFF);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** One shopper's visit; answers whether every step succeeded. */
	private boolean iteration() throws InterruptedException {
		Shopper browser = new Shopper(Provider.at(this.issuer));
		Shopper.Code code = step("login", () -> browser.authorize(SCOPE));
		if (code == null) {
			return false;
		}
		Shopper.Tokens tokens = step("token", () -> browser.exchange(code));
		if (tokens == null) {
			return false;
		}
		if (step("userinfo", () -> {
			browser.userinfo(tokens.accessToken());
			return true;
		}) == null) {
			return false;
		}
		if (step("refresh", () -> browser.refresh(tokens.refreshToken())) == null) {
			return false;
		}
		if (step("jwks", browser::jwksKids) == null) {
			return false;
		}
		return step("partnerApi",
				() -> PartnerCalls.orders(browser, this.partnerApi, tokens.accessToken()) ? true : null) != null;
	}

	@FunctionalInterface
	private interface Step<T> {

		T run() throws Exception;

	}

	/** Runs one step, records its outcome, and answers its result (null when it failed). */
	private <T> T step(String operation, Step<T> step) throws InterruptedException {
		long started = System.nanoTime();
		try {
			T result = step.run();
			this.log.record(operation, started, result != null);
			return result;
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			this.log.record(operation, started, false);
			this.log.failed(operation, String.valueOf(ex.getMessage()));
			return null;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.users.shutdown();
		if (!this.users.awaitTermination(30, TimeUnit.SECONDS)) {
			this.users.shutdownNow();
		}
	}

}
