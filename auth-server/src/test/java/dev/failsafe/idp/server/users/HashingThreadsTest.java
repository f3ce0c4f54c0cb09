package dev.failsafe.idp.server.users;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Hashes run on the few hashing threads, however many request threads ask at once. */
class HashingThreadsTest {

	@Test
	void matchesWhenManyCallersAtOnceThenAtMostTheThreadCountHashAtOnceAndEachGetsItsAnswer() throws Exception {
		RecordingEncoder recording = new RecordingEncoder();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try (HashingThreads hashing = new HashingThreads(recording, 2)) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String password = (i % 2 == 0) ? "right" : "wrong";
				answers.add(callers.submit(() -> {
					start.await();
					return hashing.matches(password, "hash-of-right");
				}));
			}
			start.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> answer : answers) {
				results.add(answer.get());
			}

			assertThat(results).containsExactly(true, false, true, false, true, false, true, false);
			assertThat(recording.mostAtOnce.get()).isLessThanOrEqualTo(2);
			assertThat(recording.threads).allMatch(name -> name.startsWith("password-hash-")).hasSizeLessThanOrEqualTo(2);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void encodeWhenTheHashFailsThenTheCallerGetsTheSameException() {
		PasswordEncoder failing = new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				throw new IllegalArgumentException("password too long");
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return false;
			}

		};
		try (HashingThreads hashing = new HashingThreads(failing, 1)) {
			assertThatIllegalArgumentException().isThrownBy(() -> hashing.encode("x")).withMessage("password too long");
		}
	}

	/** Matches "right" against any hash, taking a little while, and records who ran it and how many at once. */
	private static final class RecordingEncoder implements PasswordEncoder {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		final java.util.Set<String> threads = ConcurrentHashMap.newKeySet();

		@Override
		public String encode(CharSequence rawPassword) {
			return "hash-of-" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			this.threads.add(Thread.currentThread().getName());
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.running.decrementAndGet();
			}
			return encodedPassword.equals("hash-of-" + rawPassword);
		}

	}

}
