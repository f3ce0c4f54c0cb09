package dev.failsafe.idp.replication.authorization;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.hazelcast.config.CacheDeserializedValues;
import com.hazelcast.config.Config;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HazelcastAuthorizationStoreTest extends AuthorizationStoreContractTest {

	private static HazelcastInstance hazelcast;

	private static HazelcastAuthorizationStore store;

	@BeforeAll
	static void startMember() {
		Config config = HazelcastTestMembers.standaloneConfig();
		new HazelcastStoresAutoConfiguration().authorizationRecords().customize(config);
		hazelcast = Hazelcast.newHazelcastInstance(config);
		store = new HazelcastAuthorizationStore(hazelcast);
	}

	@AfterAll
	static void stopMember() {
		hazelcast.shutdown();
	}

	@Override
	protected AuthorizationStore store() {
		return store;
	}

	@Test
	void insertWhenStoredThenMapsAreAsDocumented() {
		assertThat(HazelcastAuthorizationStore.RECORDS_MAP).isEqualTo("idp.authorizations");
		assertThat(HazelcastAuthorizationStore.INDEX_MAP).isEqualTo("idp.authorizations.by-token-hash");
		AuthorizationRecord record = newRecord();
		store.insert(record);
		String hash = record.tokenHashes().iterator().next();
		assertThat(hazelcast.<String, AuthorizationRecord>getMap("idp.authorizations").get(record.id()))
			.isEqualTo(record);
		assertThat(hazelcast.<String, String>getMap("idp.authorizations.by-token-hash").get(hash))
			.isEqualTo(record.id());
		assertThat(HazelcastAuthorizationStore.PRINCIPAL_ATTRIBUTE).isEqualTo("principalName");
		assertThat(hazelcast.getMap("idp.authorizations").getLocalMapStats().getIndexStats().keySet())
			.anySatisfy((index) -> assertThat(index).contains("principalName"));
		Data stored = ((SerializationServiceSupport) hazelcast).getSerializationService().toData(record);
		assertThat(stored.isCompact()).as("written by AuthorizationRecordSerializer").isTrue();
		assertThat(stored.dataSize()).as("fields only, no class descriptions")
			.isLessThan(200 + record.payload().length());
		assertThat(hazelcast.getConfig().getMapConfig("idp.authorizations")).satisfies((map) -> {
			assertThat(map.getCacheDeserializedValues()).isEqualTo(CacheDeserializedValues.NEVER);
			assertThat(map.getBackupCount()).as("as every idp.* map").isEqualTo(1);
			assertThat(map.getAsyncBackupCount()).isZero();
		});
		assertThat(hazelcast.getConfig().getMapConfig(HazelcastAuthorizationStore.INDEX_MAP).getCacheDeserializedValues())
			.as("only the records map").isEqualTo(CacheDeserializedValues.INDEX_ONLY);
	}

	@Test
	void insertWhenStoredThenRecordAndIndexLiveUntilExpiresAt() {
		AuthorizationRecord record = newRecord();
		store.insert(record);
		EntryView<String, AuthorizationRecord> recordView = hazelcast
			.<String, AuthorizationRecord>getMap(HazelcastAuthorizationStore.RECORDS_MAP)
			.getEntryView(record.id());
		EntryView<String, String> indexView = hazelcast.<String, String>getMap(HazelcastAuthorizationStore.INDEX_MAP)
			.getEntryView(record.tokenHashes().iterator().next());
		long expected = Duration.between(Instant.now(), record.expiresAt()).toMillis();
		assertThat(recordView.getTtl()).isBetween(expected - 5_000, expected + 1_000);
		assertThat(indexView.getTtl()).isBetween(expected - 5_000, expected + 1_000);
	}

	@Test
	void insertWhenAlreadyExpiredThenStillGivenOneSecond() {
		AuthorizationRecord record = new AuthorizationRecord(id(), 1, PRINCIPAL, Set.of(hash()), Set.of(),
				Instant.now().minusSeconds(60), "expired");
		store.insert(record);
		EntryView<String, AuthorizationRecord> view = hazelcast
			.<String, AuthorizationRecord>getMap(HazelcastAuthorizationStore.RECORDS_MAP)
			.getEntryView(record.id());
		// A time to live of zero would mean "forever" to Hazelcast.
		assertThat(view == null || view.getTtl() == 1_000).isTrue();
	}

	@Test
	void insertWhenMemberDownThenStoreUnavailable() {
		HazelcastInstance stopped = HazelcastTestMembers.standalone();
		HazelcastAuthorizationStore unavailable = new HazelcastAuthorizationStore(stopped);
		stopped.shutdown();
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> unavailable.insert(newRecord()));
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> unavailable.remove(id()));
	}

}
