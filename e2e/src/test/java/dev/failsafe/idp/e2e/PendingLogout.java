package dev.failsafe.idp.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.Refused;
import dev.failsafe.idp.testing.signin.UserAgent;

/**
 * The kill-a drill's back-channel logout (issue 15): a logout acknowledged at site A just before A
 * is killed must reach the relying party from site B. {@link #atSiteA}: the demo user signs in to a
 * freshly registered client of the {@link DrillRelyingParty} at site A directly (bypassing the load
 * balancer), then logs out there (RP-initiated logout with {@code id_token_hint}; acknowledged when
 * the confirmation answers with the "signed out" page). Until the kill the relying party answers no
 * call (each is held, then refused), so the delivery is still pending, and usually in A's hands,
 * when A dies. {@link #opened()} right after the kill makes it answer 200; {@link #awaitDelivery}
 * waits for the logout token from site B's address (the TCP connection's source: only B's provider
 * has it) and checks it: signed by a key of the JWKS, {@code sub}, {@code sid} of the signed-out
 * session, the back-channel logout event, the same {@code jti} as A's attempt.
 */
final class PendingLogout {

	private final Places places;

	private final DrillRelyingParty.Client client;

	private final String idToken;

	private final Instant acknowledgedAt;

	private final LogoutTokenReceiver.Received attemptBeforeKill;

	private Instant openedAt;

	private PendingLogout(Places places, DrillRelyingParty.Client client, String idToken, Instant acknowledgedAt,
			LogoutTokenReceiver.Received attemptBeforeKill) {
		this.places = places;
		this.client = client;
		this.idToken = idToken;
		this.acknowledgedAt = acknowledgedAt;
		this.attemptBeforeKill = attemptBeforeKill;
	}

	/** Signs in and logs out at site A, the relying party answering nothing; waits for A's first call. */
	static PendingLogout atSiteA(Places places) {
		LogoutTokenReceiver receiver = places.relyingParty().receiver();
		receiver.clear();
		DrillRelyingParty.Client client = places.relyingParty().register(places.issuer());
		Provider a = Provider.at(places.direct(Places.A));
		UserAgent browser = new UserAgent(a);
		CodeFlow flow = new CodeFlow(browser, new BackChannel(a));
		Pkce pkce = Pkce.create();
		Map<String, String> callback = flow.authorize(client.clientId(), client.redirectUri(), "openid", pkce,
				Pkce.randomToken(), Pkce.randomToken(), Demo.USERNAME, Demo.PASSWORD);
		String idToken = flow.exchange(client.clientId(), client.secret(), callback.get("code"), client.redirectUri(),
				pkce.verifier()).expect(200, "the relying party's code exchange").string("id_token");

		receiver.answer(503);
		receiver.hold();
		HttpResponse<String> endSession = browser.get("/connect/logout?id_token_hint=" + idToken);
		if (endSession.statusCode() != 302) {
			throw new Refused(endSession.statusCode(), "logout at site A: no confirmation page");
		}
		HttpResponse<String> page = browser.get(UserAgent.location(endSession));
		HttpResponse<String> confirmed = browser.postForm("/logout/confirm",
				Map.of("_csrf", List.of(UserAgent.csrfToken(page.body()))));
		if (confirmed.statusCode() != 302 || !UserAgent.location(confirmed).endsWith("/logout/done")) {
			throw new Refused(confirmed.statusCode(), "logout at site A not acknowledged: " + UserAgent.location(confirmed));
		}
		Instant acknowledgedAt = Instant.now();
		return new PendingLogout(places, client, idToken, acknowledgedAt, receiver.await(Duration.ofSeconds(15)));
	}

	/** Right after the kill: the relying party answers 200 to every call from now on (held ones are refused). */
	void opened() {
		LogoutTokenReceiver receiver = this.places.relyingParty().receiver();
		receiver.answer(200);
		this.openedAt = Instant.now();
		receiver.release();
	}

	/**
	 * The delivery: the first call answered 200 (arrived after {@link #opened()}) from site B's
	 * address, its token checked; the report's figures: seconds from {@code killedAt} to its arrival
	 * ({@code null} when none came before {@code deadline}) and what shows who sent what.
	 *
	 * @throws AssertionError when the delivered token is not a valid logout token for the session
	 */
	Delivery awaitDelivery(Instant killedAt, Duration deadline) {
		LogoutTokenReceiver receiver = this.places.relyingParty().receiver();
		String siteB = this.places.place(Places.B).address();
		Instant until = Instant.now().plus(deadline);
		LogoutTokenReceiver.Received delivered = null;
		while (delivered == null && Instant.now().isBefore(until)) {
			LogoutTokenReceiver.Received call = receiver.await(Duration.between(Instant.now(), until));
			if (call != null && !call.at().isBefore(this.openedAt) && call.from().equals(siteB)) {
				delivered = call;
			}
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("attemptBeforeKillFrom", (this.attemptBeforeKill != null) ? siteOf(this.attemptBeforeKill) : null);
		details.put("calls", receiver.received().stream().map(this::siteOf).toList());
		if (delivered == null) {
			details.put("deliveredFrom", null);
			return new Delivery(null, details);
		}
		VerifiedLogoutToken token = VerifiedLogoutToken.verify(delivered.logoutToken(), Provider.at(this.places.issuer()),
				this.client.clientId());
		check(token.subject().equals(Demo.USERNAME), "sub " + token.subject());
		check(token.sessionId().equals(VerifiedLogoutToken.sidOf(this.idToken)), "sid " + token.sessionId());
		if (this.attemptBeforeKill != null) {
			check(VerifiedLogoutToken.verify(this.attemptBeforeKill.logoutToken(), Provider.at(this.places.issuer()),
					this.client.clientId()).tokenId().equals(token.tokenId()), "jti differs from the attempt before the kill");
		}
		details.put("deliveredFrom", siteOf(delivered));
		details.put("secondsAfterAcknowledged", seconds(this.acknowledgedAt, delivered.at()));
		return new Delivery(seconds(killedAt, delivered.at()), details);
	}

	/**
	 * What {@link #awaitDelivery} found.
	 *
	 * @param seconds from the kill to the delivery from site B, or null when it never came
	 * @param details the site of the attempt before the kill, of every call, of the delivery; seconds
	 * from the acknowledgement
	 */
	record Delivery(Double seconds, Map<String, Object> details) {
	}

	/** The place a call came from ({@code a}, {@code b}), by its source address. */
	private String siteOf(LogoutTokenReceiver.Received call) {
		for (int site : List.of(Places.A, Places.B)) {
			if (this.places.place(site).address().equals(call.from())) {
				return Places.NAMES.get(site);
			}
		}
		return call.from();
	}

	private static Double seconds(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 10.0) / 100.0;
	}

	private static void check(boolean holds, String what) {
		if (!holds) {
			throw new AssertionError("the logout token delivered from site B: " + what);
		}
	}

}
