package dev.failsafe.idp.replication.authorization;

import java.util.Set;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastConsentStoreTest extends ConsentStoreContractTest {

	private static HazelcastInstance hazelcast;

	private static HazelcastConsentStore store;

	@BeforeAll
	static void startMember() {
		hazelcast = HazelcastTestMembers.standalone();
		store = new HazelcastConsentStore(hazelcast);
	}

	@AfterAll
	static void stopMember() {
		hazelcast.shutdown();
	}

	@Override
	protected ConsentStore store() {
		return store;
	}

	@Test
	void saveWhenStoredThenMapIsAsDocumented() {
		assertThat(HazelcastConsentStore.CONSENTS_MAP).isEqualTo("idp.consents");
		ConsentRecord consent = new ConsentRecord("layout-client", "carol", Set.of("SCOPE_openid"));
		store.save(consent);
		assertThat(hazelcast.<ConsentKey, ConsentRecord>getMap("idp.consents")
			.get(new ConsentKey("layout-client", "carol"))).isEqualTo(consent);
	}

}
