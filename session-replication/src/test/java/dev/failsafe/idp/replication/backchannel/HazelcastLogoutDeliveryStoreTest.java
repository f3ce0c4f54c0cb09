package dev.failsafe.idp.replication.backchannel;

import java.time.Duration;
import java.time.Instant;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HazelcastLogoutDeliveryStoreTest extends LogoutDeliveryStoreContractTest {

	private static HazelcastInstance hazelcast;

	private static HazelcastLogoutDeliveryStore store;

	@BeforeAll
	static void startMember() {
		hazelcast = HazelcastTestMembers.standalone();
		store = new HazelcastLogoutDeliveryStore(hazelcast);
	}

	@AfterAll
	static void stopMember() {
		hazelcast.shutdown();
	}

	@Override
	protected LogoutDeliveryStore store() {
		return store;
	}

	@Test
	void scheduleWhenStoredThenMapIndexAndExpiryAreAsDocumented() {
		assertThat(HazelcastLogoutDeliveryStore.DELIVERIES_MAP).isEqualTo("idp.backchannel-logout.deliveries");
		assertThat(HazelcastLogoutDeliveryStore.DUE_ATTRIBUTE).isEqualTo("due");
		LogoutDelivery delivery = newDelivery();
		store.schedule(delivery);
		EntryView<String, HazelcastLogoutDeliveryStore.Pending> view = hazelcast
			.<String, HazelcastLogoutDeliveryStore.Pending>getMap("idp.backchannel-logout.deliveries")
			.getEntryView(delivery.id());
		assertThat(view.getValue()).isEqualTo(
				new HazelcastLogoutDeliveryStore.Pending(delivery.nextAttemptAt().toEpochMilli(), delivery));
		long expected = Duration.between(Instant.now(), delivery.expiresAt()).toMillis();
		assertThat(view.getTtl()).isBetween(expected - 5_000, expected + 1_000);
		assertThat(hazelcast.getMap("idp.backchannel-logout.deliveries").getLocalMapStats().getIndexStats().keySet())
			.anySatisfy((index) -> assertThat(index).contains("due"));

		// A claim moves the due time to the end of its lease and keeps the expiry.
		LogoutDelivery held = store.claimDue(delivery.createdAt(), LEASE, 10).get(0);
		view = hazelcast.<String, HazelcastLogoutDeliveryStore.Pending>getMap("idp.backchannel-logout.deliveries")
			.getEntryView(delivery.id());
		assertThat(view.getValue().due()).isEqualTo(held.nextAttemptAt().toEpochMilli());
		assertThat(view.getTtl()).isBetween(expected - 5_000, expected + 1_000);
	}

	@Test
	void scheduleWhenMemberDownThenStoreUnavailable() {
		HazelcastInstance stopped = HazelcastTestMembers.standalone();
		HazelcastLogoutDeliveryStore unavailable = new HazelcastLogoutDeliveryStore(stopped);
		stopped.shutdown();
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> unavailable.schedule(newDelivery()));
	}

}
