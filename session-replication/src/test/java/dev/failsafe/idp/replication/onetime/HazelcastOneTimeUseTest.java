package dev.failsafe.idp.replication.onetime;

import java.time.Duration;

import com.hazelcast.core.HazelcastInstance;
import dev.failsafe.idp.replication.hazelcast.HazelcastTestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HazelcastOneTimeUseTest extends OneTimeUseContractTest {

	private static HazelcastInstance hazelcast;

	private static HazelcastOneTimeUse store;

	@BeforeAll
	static void startMember() {
		hazelcast = HazelcastTestMembers.standalone();
		store = new HazelcastOneTimeUse(hazelcast);
	}

	@AfterAll
	static void stopMember() {
		hazelcast.shutdown();
	}

	@Override
	protected OneTimeUse store() {
		return store;
	}

	@Test
	void firstUseWhenRecordedThenMapIsAsDocumented() {
		assertThat(HazelcastOneTimeUse.USES_MAP).isEqualTo("idp.one-time-uses");
		store.firstUse("layout-key", Duration.ofMinutes(2));
		assertThat(hazelcast.<String, String>getMap("idp.one-time-uses").get("layout-key")).isEqualTo("1");
		assertThat(hazelcast.getMap("idp.one-time-uses").getEntryView("layout-key").getTtl()).isEqualTo(120_000L);
	}

}
