package dev.failsafe.idp.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The targets for one store run, each a ratio to a limit measured in the same run.
 *
 * @param store the store run judged
 * @param verdicts one per target
 */
public record Targets(String store, List<Verdict> verdicts) {

	/** client_credentials tokens/s at least this share of OpenSSL's RS256 signing rate on all cores. */
	static final double TOKEN_SHARE = 0.40;

	/** Full logins/s at least this share of the password-hashing rate. */
	static final double LOGIN_SHARE = 0.90;

	/** p99 of the token endpoint at concurrency 8 under this. */
	static final double P99_MILLIS = 50;

	public Targets {
		verdicts = List.copyOf(verdicts);
	}

	/**
	 * One target.
	 *
	 * @param target what is asked
	 * @param measured the figure, as text
	 * @param met whether it is met; null when the run did not measure it
	 */
	public record Verdict(String target, String measured, Boolean met) {
	}

	/** Judges a run against the limits measured around its own steps. */
	public static Targets judge(StoreRun run) {
		double opensslSigns = run.opensslRs256SignsPerSecond();
		double passwordHashes = run.passwordHashesPerSecond();
		List<Verdict> verdicts = new ArrayList<>();
		Optional<Measurement> tokens = run.fastest("client_credentials");
		verdicts.add(tokens.map(m -> new Verdict("client_credentials >= 40% of openssl RS256 signs/s",
				String.format("%.0f/s = %.0f%% of %.0f/s (c=%d)", m.perSecond(), 100 * m.perSecond() / opensslSigns,
						opensslSigns, m.concurrency()),
				m.perSecond() >= TOKEN_SHARE * opensslSigns))
			.orElse(new Verdict("client_credentials >= 40% of openssl RS256 signs/s", "not run", null)));
		Optional<Measurement> logins = run.fastest("login");
		verdicts.add(logins.map(m -> new Verdict("full logins >= 90% of password hashes/s",
				String.format("%.1f/s = %.0f%% of %.1f/s (c=%d)", m.perSecond(), 100 * m.perSecond() / passwordHashes,
						passwordHashes, m.concurrency()),
				m.perSecond() >= LOGIN_SHARE * passwordHashes))
			.orElse(new Verdict("full logins >= 90% of password hashes/s", "not run", null)));
		Optional<Measurement> p99 = run.at("client_credentials", 8);
		verdicts.add(p99.map(m -> new Verdict("token endpoint p99 < 50 ms at c=8",
				String.format("%.1f ms", m.p99Millis()), m.p99Millis() < P99_MILLIS))
			.orElse(new Verdict("token endpoint p99 < 50 ms at c=8", "not run", null)));
		return new Targets(run.store(), verdicts);
	}

}
