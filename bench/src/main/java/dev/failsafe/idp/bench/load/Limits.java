package dev.failsafe.idp.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.bench.hashing.PasswordHashes;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The ceilings the provider's figures are held against, measured on this machine in the same run.
 *
 * @param opensslRs256SignsPerSecond {@code openssl speed -multi 2 rsa2048}: RSA-2048 signatures per
 *        second on both cores (what RS256 costs in native code)
 * @param passwordHashesPerSecond checks per second of the provider's password encoder at its cost,
 *        on as many threads as cores
 * @param passwordEncoding the hash and cost measured (the prefix of its hashes:
 *        {@code $argon2id$v=19$m=19456,t=2,p=1})
 * @param cores available processors
 */
public record Limits(double opensslRs256SignsPerSecond, double passwordHashesPerSecond, String passwordEncoding,
		int cores) {

	private static final Pattern OPENSSL_RSA = Pattern
		.compile("(?m)^rsa\\s+2048 bits\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)\\s*$");

	/** Measures both limits, each for {@code seconds}. */
	public static Limits measure(int seconds) throws IOException, InterruptedException {
		return new Limits(opensslSignsPerSecond(seconds), passwordHashesPerSecond(seconds), measuredPasswordEncoding(), availableCores());
	}

	/** {@code openssl speed -multi CORES rsa2048}'s sign/s, run for {@code seconds}. */
	public static double opensslSignsPerSecond(int seconds) throws IOException, InterruptedException {
		return opensslSignsPerSecond(availableCores(), seconds);
	}

	/**
	 * Checks per second of the provider's password hash at its default cost ({@link PasswordHashes#provider()})
	 * on as many threads as cores.
	 */
	public static double passwordHashesPerSecond(int seconds) throws InterruptedException {
		return passwordHashesPerSecond(PasswordHashes.provider(), seconds);
	}

	/** Checks per second of {@code encoder} on as many threads as cores. */
	public static double passwordHashesPerSecond(PasswordEncoder encoder, int seconds) throws InterruptedException {
		return hashesPerSecond(encoder, encoder.encode("alice-demo-password"), availableCores(), seconds);
	}

	/** The prefix of the provider's password hashes: the hash and its cost. */
	static String measuredPasswordEncoding() {
		String hash = PasswordHashes.provider().encode("alice-demo-password");
		return hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1));
	}

	private static int availableCores() {
		return Runtime.getRuntime().availableProcessors();
	}

	static double opensslSignsPerSecond(int cores, int seconds) throws IOException, InterruptedException {
		Process openssl = new ProcessBuilder("openssl", "speed", "-seconds", Integer.toString(seconds), "-multi",
				Integer.toString(cores), "rsa2048")
			.redirectErrorStream(true)
			.start();
		String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		openssl.waitFor();
		return parseOpensslSpeed(output);
	}

	/** The sign/s column of {@code openssl speed}'s rsa 2048 line. */
	static double parseOpensslSpeed(String output) {
		Matcher matcher = OPENSSL_RSA.matcher(output);
		double signs = -1;
		while (matcher.find()) {
			signs = Double.parseDouble(matcher.group(1));
		}
		if (signs < 0) {
			throw new IllegalStateException("no 'rsa 2048 bits' line in openssl speed's output:\n" + output);
		}
		return signs;
	}

	/**
	 * Password checks (what a login costs: {@code matches}, the same work as hashing) per second on
	 * {@code threads} threads for {@code seconds}.
	 */
	static double hashesPerSecond(PasswordEncoder encoder, String hash, int threads, int seconds)
			throws InterruptedException {
		AtomicLong done = new AtomicLong();
		long start = System.nanoTime();
		long until = start + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(Thread.ofPlatform().start(() -> {
				while (System.nanoTime() < until) {
					if (!encoder.matches("alice-demo-password", hash)) {
						throw new IllegalStateException("the password does not match its own hash");
					}
					done.incrementAndGet();
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return done.get() / ((System.nanoTime() - start) / 1e9);
	}

}
