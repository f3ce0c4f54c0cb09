package dev.failsafe.idp.server.logout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.session.HazelcastSessionAutoConfiguration;
import dev.failsafe.idp.testing.backchannel.VerifiedLogoutToken;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-channel logout beyond the plan's one module, against the running provider: each browser
 * session has its own {@code sid} and a logout ends only its own grants; an operator's revocation,
 * disabling and deleting a user, and a session's expiry each tell every relying party that holds
 * tokens, once per session; a relying party that hangs or fails does not hold the user's logout, and
 * a failed delivery is made again.
 */
class BackChannelLogoutTest extends LogoutPlanSupport {

	private static final Duration DELIVERY = Duration.ofSeconds(30);

	/** How long after its idle timeout a test waits for a session to be gone. */
	private static final Duration EXPIRY_NOTICED = Duration.ofSeconds(60);

	@Autowired
	private FindByIndexNameSessionRepository<? extends Session> sessions;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private HazelcastInstance hazelcast;

	private LogoutTokenReceiver receiver;

	@BeforeEach
	void startReceiver() {
		this.receiver = LogoutTokenReceiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void logoutWhenUserHasTwoBrowserSessionsThenOnlyTheOneLoggedOutIsToldAndRevoked() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		String user = createUser();
		SignedIn laptop = signIn(rp, user);
		SignedIn phone = signIn(rp, user);
		String laptopSid = VerifiedLogoutToken.sidOf(laptop.idToken());
		assertThat(laptopSid).isNotBlank().isNotEqualTo(VerifiedLogoutToken.sidOf(phone.idToken()));
		// Signed in again in the same browser: the same session, the same sid.
		assertThat(VerifiedLogoutToken.sidOf(signIn(laptop.agent(), rp, user).idToken())).isEqualTo(laptopSid);

		confirm(laptop.agent(), endSession(laptop.agent(), "id_token_hint", laptop.idToken()));

		VerifiedLogoutToken told = VerifiedLogoutToken.verify(await().logoutToken(), PROVIDER, rp.clientId());
		assertThat(told.sessionId()).isEqualTo(laptopSid);
		assertThat(told.subject()).isEqualTo(user);
		assertSignedOut(laptop, rp);
		assertStillSignedIn(phone, rp);
		assertThat(codeFlow(newUserAgent()).refresh(rp.clientId(), rp.secret(), phone.refreshToken()).status())
			.as("the other session's refresh token still works")
			.isEqualTo(200);
		assertThat(this.receiver.await(Duration.ofMillis(500))).as("told once").isNull();
	}

	@Test
	void operatorRevokesSessionsThenEveryRelyingPartyHoldingTokensIsToldOncePerSession() {
		RelyingParty shop = registerRelyingParty(this.receiver.uri());
		RelyingParty blog = registerRelyingParty(this.receiver.uri());
		RelyingParty quiet = registerRelyingParty(null);
		String user = createUser();
		SignedIn laptop = signIn(shop, user);
		signIn(laptop.agent(), blog, user);
		signIn(laptop.agent(), quiet, user);
		SignedIn phone = signIn(shop, user);
		// A code the blog never redeemed: it holds no tokens from the phone, so nothing to end there.
		codeFlow(phone.agent()).authorize(blog.clientId(), blog.redirectUri(), SCOPE, Pkce.create(), "s", "n", user,
				PASSWORD);

		BackChannel.Reply revoked = admin("POST", "/admin/users/" + user + "/revoke-sessions", null);
		assertThat(revoked.status()).as(revoked.raw().body()).isEqualTo(200);

		List<String> told = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String token = await().logoutToken();
			String audience = audience(token);
			VerifiedLogoutToken verified = VerifiedLogoutToken.verify(token, PROVIDER, audience);
			told.add(audience + " " + verified.sessionId());
		}
		assertThat(told).containsExactlyInAnyOrder(
				shop.clientId() + " " + VerifiedLogoutToken.sidOf(laptop.idToken()),
				blog.clientId() + " " + VerifiedLogoutToken.sidOf(laptop.idToken()),
				shop.clientId() + " " + VerifiedLogoutToken.sidOf(phone.idToken()));
		assertThat(this.receiver.await(Duration.ofMillis(500))).isNull();
		assertSignedOut(laptop, shop);
		assertSignedOut(phone, shop);
	}

	@Test
	void userDisabledOrDeletedThenTheirRelyingPartiesAreTold() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		String disabled = createUser();
		String deleted = createUser();
		SignedIn first = signIn(rp, disabled);
		SignedIn second = signIn(rp, deleted);

		assertThat(admin("POST", "/admin/users/" + disabled + "/disable", null).status()).isEqualTo(200);
		assertThat(VerifiedLogoutToken.verify(await().logoutToken(), PROVIDER, rp.clientId()).sessionId())
			.isEqualTo(VerifiedLogoutToken.sidOf(first.idToken()));
		assertThat(admin("DELETE", "/admin/users/" + deleted, null).status()).isEqualTo(200);
		VerifiedLogoutToken told = VerifiedLogoutToken.verify(await().logoutToken(), PROVIDER, rp.clientId());
		assertThat(told.subject()).isEqualTo(deleted);
		assertThat(told.sessionId()).isEqualTo(VerifiedLogoutToken.sidOf(second.idToken()));
	}

	@Test
	void sessionExpiresThenItsRelyingPartiesAreToldAndItsTokensRevoked() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		String user = createUser();
		SignedIn session = signIn(rp, user);

		List<String> expiring = idleTimeout(user, Duration.ofSeconds(1));
		awaitExpired(expiring);

		VerifiedLogoutToken told = VerifiedLogoutToken.verify(await().logoutToken(), PROVIDER, rp.clientId());
		assertThat(told.sessionId()).isEqualTo(VerifiedLogoutToken.sidOf(session.idToken()));
		Wait.until("the expired session's refresh token is revoked", DELIVERY, Duration.ofMillis(200),
				() -> codeFlow(newUserAgent()).refresh(rp.clientId(), rp.secret(), session.refreshToken())
					.status() == 400);
	}

	/**
	 * A relying party refreshing its tokens uses the session they were issued in: the session does not
	 * expire meanwhile (its idle timeout here 4 s, refreshes every second for three times that), and
	 * ends, telling the relying party, once nothing uses it any more.
	 */
	@Test
	void sessionWhenItsTokensAreRefreshedThenKeptAliveUntilNothingUsesIt() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		String user = createUser();
		SignedIn session = signIn(rp, user);
		List<String> expiring = idleTimeout(user, Duration.ofSeconds(4));

		String refreshToken = session.refreshToken();
		for (int i = 0; i < 12; i++) {
			Wait.pause(Duration.ofSeconds(1));
			BackChannel.Reply refreshed = codeFlow(newUserAgent()).refresh(rp.clientId(), rp.secret(), refreshToken)
				.expect(200, "refresh " + i);
			refreshToken = refreshed.string("refresh_token");
		}
		assertThat(this.receiver.received()).as("no logout while the tokens are in use").isEmpty();
		assertStillSignedIn(session, rp);

		awaitExpired(expiring);
		assertThat(VerifiedLogoutToken.verify(await().logoutToken(), PROVIDER, rp.clientId()).sessionId())
			.isEqualTo(VerifiedLogoutToken.sidOf(session.idToken()));
	}

	/** The user's logout is answered while the relying party still holds the call open. */
	@Test
	void logoutWhenRelyingPartyHangsThenTheUserIsNotHeld() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		SignedIn session = signIn(rp, createUser());
		this.receiver.hold();

		HttpResponse<String> done = confirm(session.agent(), endSession(session.agent(), "id_token_hint",
				session.idToken(), "post_logout_redirect_uri", rp.postLogoutRedirectUri(), "state", "s"));

		assertThat(UserAgent.location(done)).isEqualTo(rp.postLogoutRedirectUri() + "?state=s");
		LogoutTokenReceiver.Received held = await();
		assertThat(held.logoutToken()).as("the call arrived and is still unanswered").isNotBlank();
		this.receiver.release();
	}

	@Test
	void deliveryWhenRelyingPartyFailsThenMadeAgainWithTheSameTokenIdUntilItAnswers() {
		RelyingParty rp = registerRelyingParty(this.receiver.uri());
		SignedIn session = signIn(rp, createUser());
		double retriedBefore = count("retried");
		this.receiver.answer(503);

		confirm(session.agent(), endSession(session.agent(), "id_token_hint", session.idToken()));
		String first = await().logoutToken();
		Wait.until("the failed attempt counted", DELIVERY, Duration.ofMillis(50),
				() -> count("retried") > retriedBefore);
		this.receiver.answer(200);

		String second = await().logoutToken();
		assertThat(VerifiedLogoutToken.verify(second, PROVIDER, rp.clientId()).tokenId())
			.isEqualTo(VerifiedLogoutToken.verify(first, PROVIDER, rp.clientId()).tokenId());
	}

	private LogoutTokenReceiver.Received await() {
		return await(DELIVERY);
	}

	private LogoutTokenReceiver.Received await(Duration deadline) {
		LogoutTokenReceiver.Received received = this.receiver.await(deadline);
		assertThat(received).as("a logout token within %s", deadline).isNotNull();
		return received;
	}

	private double count(String outcome) {
		var counter = this.meters.find("idp.backchannel_logout.deliveries").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Every session of the user expires after {@code timeout} without use (as after
	 * spring.session.timeout); answers their ids.
	 */
	@SuppressWarnings("unchecked")
	private <S extends Session> List<String> idleTimeout(String username, Duration timeout) {
		FindByIndexNameSessionRepository<S> repository = (FindByIndexNameSessionRepository<S>) this.sessions;
		Map<String, S> found = repository.findByPrincipalName(username);
		assertThat(found).isNotEmpty();
		found.values().forEach(session -> {
			session.setMaxInactiveInterval(timeout);
			repository.save(session);
		});
		return List.copyOf(found.keySet());
	}

	/**
	 * Waits until the sessions' entries are gone from Hazelcast's map. Asking for an entry past its
	 * time to live expires it then and there (publishing the expiry, as the map's background task does
	 * when it gets to it: that task samples the map every few seconds, so alone it may take a while).
	 */
	private void awaitExpired(List<String> sessionIds) {
		var map = this.hazelcast.getMap(HazelcastSessionAutoConfiguration.SESSIONS_MAP);
		Wait.until("the sessions expired", EXPIRY_NOTICED, Duration.ofMillis(250),
				() -> sessionIds.stream().noneMatch(map::containsKey));
	}

	private static String audience(String token) {
		try {
			return com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getAudience().get(0);
		}
		catch (java.text.ParseException ex) {
			throw new AssertionError(ex);
		}
	}

}
