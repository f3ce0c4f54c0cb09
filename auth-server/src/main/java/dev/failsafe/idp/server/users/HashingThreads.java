package dev.failsafe.idp.server.users;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Computes Argon2id hashes on a few threads of its own, one per core, the request threads waiting
 * for them: a hash is CPU work, so more at once brings no more sign-ins, and each holds its memory
 * setting (19 MiB) while it runs. Without this, a burst of sign-ins on 200 request threads would
 * ask for 200 x 19 MiB at once, and glibc keeps each thread's freed hash memory in that thread's
 * arena: 16 threads hashing left the process 330 MiB larger for good, measured; on these threads
 * it stays at one hash's memory per core.
 */
final class HashingThreads implements PasswordEncoder, AutoCloseable {

	private final PasswordEncoder argon2id;

	private final ExecutorService threads;

	HashingThreads(PasswordEncoder argon2id, int count) {
		this.argon2id = argon2id;
		AtomicInteger next = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(count,
				task -> Thread.ofPlatform().name("password-hash-" + next.incrementAndGet()).daemon().unstarted(task));
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return onHashingThread(() -> this.argon2id.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return onHashingThread(() -> this.argon2id.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.argon2id.upgradeEncoding(encodedPassword);
	}

	private <T> T onHashingThread(Supplier<T> hash) {
		Future<T> result = this.threads.submit(hash::get);
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a password hash", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

}
