package dev.failsafe.idp.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for a condition with a deadline, never a bare sleep: polls until the condition holds, and
 * past the deadline fails with what was awaited and, if given, what the world looked like then (a
 * process's log, a server's state). An exception the condition throws ends the wait at once (a
 * process that died is not worth waiting for); a condition that should retry on an error catches it
 * and answers false.
 */
public final class Wait {

	private Wait() {
	}

	/** A condition that may throw to stop waiting. */
	@FunctionalInterface
	public interface Condition {

		boolean met() throws Exception;

	}

	/** Polls every {@code poll} until {@code condition} holds, for at most {@code timeout}. */
	public static void until(String what, Duration timeout, Duration poll, Condition condition) {
		until(what, timeout, poll, condition, () -> "");
	}

	/**
	 * Polls every {@code poll} until {@code condition} holds; past {@code timeout} throws an
	 * {@link IllegalStateException} saying {@code what} was not reached, followed by {@code detail}.
	 */
	public static void until(String what, Duration timeout, Duration poll, Condition condition,
			Supplier<String> detail) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				if (condition.met()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for " + what, ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException(what + ": " + ex.getMessage(), ex);
			}
			if (System.nanoTime() - deadline > 0) {
				String seen = detail.get();
				throw new IllegalStateException(what + ": not within " + timeout + (seen.isEmpty() ? "" : ":\n" + seen));
			}
			pause(poll);
		}
	}

	/** Sleeps between two polls; an interrupt fails the caller. */
	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
