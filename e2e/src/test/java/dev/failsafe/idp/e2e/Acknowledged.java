package dev.failsafe.idp.e2e;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.Refused;
import dev.failsafe.idp.testing.signin.Shopper;

/**
 * What users and clients were told succeeded before the event (the kill, the cut), taken through the
 * load balancer: signed-in sessions (their browsers, with their cookies), codes not yet exchanged,
 * refresh tokens not yet used, access tokens, refresh tokens revoked, and the published kids. After
 * the event {@link #verify} asks for each again; a "try again" answer is retried until the deadline,
 * a definitive refusal (400/401) counts as lost.
 */
final class Acknowledged {

	private final List<Shopper> sessions = new ArrayList<>();

	private final List<Shopper.Code> codes = new ArrayList<>();

	private final List<String> refreshTokens = new ArrayList<>();

	private final List<String> accessTokens = new ArrayList<>();

	private final List<String> revokedRefreshTokens = new ArrayList<>();

	private final List<String> kids = new ArrayList<>();

	private final String issuer;

	private Acknowledged(String issuer) {
		this.issuer = issuer;
	}

	/** {@code count} of each, retrying what the provider asks to try again (up to a deadline). */
	static Acknowledged take(String issuer, int count, Duration deadline) throws Exception {
		Acknowledged taken = new Acknowledged(issuer);
		Instant until = Instant.now().plus(deadline);
		for (int i = 0; i < count; i++) {
			Shopper browser = new Shopper(Provider.at(issuer));
			Shopper.Code first = retry(until, () -> browser.authorize(DrillLoad.SCOPE));
			taken.sessions.add(browser);
			Shopper.Tokens tokens = retry(until, () -> browser.exchange(first));
			taken.refreshTokens.add(tokens.refreshToken());
			taken.accessTokens.add(tokens.accessToken());
			taken.codes.add(retry(until, () -> browser.authorize(DrillLoad.SCOPE)));
			Shopper.Tokens toRevoke = retry(until,
					() -> browser.exchange(retry(until, () -> browser.authorize(DrillLoad.SCOPE))));
			retry(until, () -> {
				browser.revoke(toRevoke.refreshToken());
				return true;
			});
			taken.revokedRefreshTokens.add(toRevoke.refreshToken());
		}
		taken.kids.addAll(retry(until, () -> new Shopper(Provider.at(issuer)).jwksKids()));
		return taken;
	}

	List<String> accessTokens() {
		return List.copyOf(this.accessTokens);
	}

	List<String> kids() {
		return List.copyOf(this.kids);
	}

	/** The ids of the signed-in sessions (Spring Session's cookie holds the id, base64-encoded). */
	List<String> sessionIds() {
		return this.sessions.stream()
			.map(browser -> browser.cookie("IDPSESSION").orElseThrow())
			.map(cookie -> new String(java.util.Base64.getDecoder().decode(cookie), java.nio.charset.StandardCharsets.UTF_8))
			.toList();
	}

	/** What {@link #verify} found. */
	record Verdict(Map<String, Integer> lost, int sessionsKept, int sessions, int tokensStillValid, int tokens,
			int revocationsLost) {

		boolean nothingLost() {
			return this.lost.values().stream().allMatch(count -> count == 0) && this.revocationsLost == 0
					&& this.sessionsKept == this.sessions && this.tokensStillValid == this.tokens;
		}

	}

	/**
	 * Asks for everything again through the load balancer; partner-api checks the access tokens. A
	 * kid in {@code revokedSince} left the JWKS on purpose and is not counted lost.
	 */
	Verdict verify(String partnerApi, Set<String> revokedSince, Duration deadline) throws InterruptedException {
		Instant until = Instant.now().plus(deadline);
		int sessionsKept = 0;
		for (Shopper browser : this.sessions) {
			sessionsKept += answered(until, () -> browser.signedIn() ? true : null) ? 1 : 0;
		}
		Shopper client = new Shopper(Provider.at(this.issuer));
		int codesLost = 0;
		for (Shopper.Code code : this.codes) {
			codesLost += answered(until, () -> client.exchange(code)) ? 0 : 1;
		}
		int refreshLost = 0;
		for (String refreshToken : this.refreshTokens) {
			refreshLost += answered(until, () -> client.refresh(refreshToken)) ? 0 : 1;
		}
		int revocationsLost = 0;
		for (String revoked : this.revokedRefreshTokens) {
			revocationsLost += refusedDefinitively(until, () -> client.refresh(revoked)) ? 0 : 1;
		}
		int tokensValid = 0;
		for (String accessToken : this.accessTokens) {
			tokensValid += answered(until, () -> PartnerCalls.orders(client, partnerApi, accessToken) ? true : null) ? 1
					: 0;
		}
		List<String> kidsNow;
		try {
			kidsNow = retry(until, client::jwksKids);
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			kidsNow = List.of();
		}
		List<String> published = kidsNow;
		int keysLost = (int) this.kids.stream()
			.filter(kid -> !published.contains(kid) && !revokedSince.contains(kid))
			.count();
		Map<String, Integer> lost = new LinkedHashMap<>();
		lost.put("sessions", this.sessions.size() - sessionsKept);
		lost.put("codes", codesLost);
		lost.put("refreshTokens", refreshLost);
		lost.put("keys", keysLost);
		return new Verdict(lost, sessionsKept, this.sessions.size(), tokensValid, this.accessTokens.size(),
				revocationsLost);
	}

	@FunctionalInterface
	interface Call<T> {

		T run() throws Exception;

	}

	/** Retries "try again" (unreachable, 5xx, null) until the deadline; a definitive refusal is thrown. */
	static <T> T retry(Instant until, Call<T> call) throws Exception {
		while (true) {
			try {
				T result = call.run();
				if (result != null) {
					return result;
				}
			}
			catch (Refused ex) {
				if (ex.isDefinitive() || Instant.now().isAfter(until)) {
					throw ex;
				}
			}
			catch (UncheckedIOException ex) {
				if (Instant.now().isAfter(until)) {
					throw ex;
				}
			}
			if (Instant.now().isAfter(until)) {
				throw new IllegalStateException("no answer before the deadline");
			}
			Thread.sleep(200);
		}
	}

	/** Whether the call succeeded (after retrying "try again" until the deadline). */
	private static boolean answered(Instant until, Call<?> call) throws InterruptedException {
		try {
			return retry(until, call) != null;
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** Whether the call was refused for good (400/401), retrying "try again" until the deadline. */
	private static boolean refusedDefinitively(Instant until, Call<?> call) throws InterruptedException {
		try {
			retry(until, call);
			return false;
		}
		catch (Refused ex) {
			return ex.isDefinitive();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
