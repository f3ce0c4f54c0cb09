package dev.failsafe.idp.server.backchannel;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import dev.failsafe.idp.replication.backchannel.LogoutDelivery;
import dev.failsafe.idp.replication.backchannel.LogoutDeliveryStore;
import dev.failsafe.idp.server.clients.BackChannelLogoutRegistration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Tells relying parties that a user's session ended (OpenID Connect Back-Channel Logout 1.0): for
 * each one that registered a back-channel logout URI, a delivery is written to the replicated store
 * ({@link LogoutDeliveryStore#schedule}, confirmed on a replica with Redis) before this returns, so
 * the caller acknowledges the logout only once every delivery would survive the loss of this node or
 * site. Deliveries are made by {@link DeliveryWorker} on whichever node is alive, never on the
 * user's request: however slow a relying party, the logout does not wait for it. A store that cannot
 * confirm a delivery throws {@link dev.failsafe.idp.replication.StoreUnavailableException} (the
 * logout is then not acknowledged: "try again").
 */
public final class BackChannelLogout {

	/**
	 * A relying party to tell that a user left a session.
	 *
	 * @param clientId the relying party
	 * @param subject the user
	 * @param sessionId the session, or empty for every session of the user
	 */
	public record Notice(String clientId, String subject, String sessionId) {
	}

	private final LogoutDeliveryStore store;

	private final RegisteredClientRepository clients;

	private final BackChannelLogoutProperties settings;

	private final Clock clock;

	private final Runnable wake;

	private final Counter scheduled;

	BackChannelLogout(LogoutDeliveryStore store, RegisteredClientRepository clients,
			BackChannelLogoutProperties settings, Clock clock, Runnable wake, MeterRegistry meters) {
		this.store = store;
		this.clients = clients;
		this.settings = settings;
		this.clock = clock;
		this.wake = wake;
		this.scheduled = Counter.builder("idp.backchannel_logout.scheduled")
			.description("Back-channel logout deliveries written to the replicated store, one per relying party and session")
			.register(meters);
	}

	/**
	 * Schedules a delivery for each notice whose relying party registered a back-channel logout URI
	 * (one per relying party, user and session, however often it is named); returns how many relying
	 * parties will be told.
	 */
	public int schedule(Collection<Notice> notices) {
		Set<Notice> distinct = new LinkedHashSet<>(notices);
		Instant now = this.clock.instant();
		int told = 0;
		for (Notice notice : distinct) {
			RegisteredClient client = this.clients.findByClientId(notice.clientId());
			if (client == null || BackChannelLogoutRegistration.of(client).isEmpty()) {
				continue;
			}
			LogoutDelivery delivery = LogoutDelivery.due(notice.clientId(), notice.subject(), notice.sessionId(),
					UUID.randomUUID().toString(), now, now.plus(this.settings.retention()));
			if (this.store.schedule(delivery)) {
				this.scheduled.increment();
			}
			told++;
		}
		if (told > 0) {
			this.wake.run();
		}
		return told;
	}

}
