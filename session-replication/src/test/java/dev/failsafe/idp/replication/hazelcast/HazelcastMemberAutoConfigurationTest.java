package dev.failsafe.idp.replication.hazelcast;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.instance.EndpointQualifier;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HazelcastMemberAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HazelcastMemberAutoConfiguration.class))
		.withPropertyValues("idp.hazelcast.cluster-name=test-" + UUID.randomUUID());

	@Test
	void propertiesWhenNothingSetThenDefaultsAsDocumented() {
		HazelcastMemberProperties bound = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("idp.hazelcast", Bindable.of(HazelcastMemberProperties.class));
		assertThat(bound).isEqualTo(HazelcastMemberProperties.defaults());
		assertThat(bound.clusterName()).isEqualTo("failsafe-idp");
		assertThat(bound.site()).isEqualTo("local");
		assertThat(bound.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(bound.port()).isEqualTo(5701);
		assertThat(bound.members()).isEmpty();
		assertThat(bound.failureDetectionTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(bound.mergeCheckInterval()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void fromWhenTimingsSetThenHazelcastDetectsFailuresAndLooksForLostMembersAtThatPace() {
		HazelcastMemberProperties properties = new HazelcastMemberProperties("idp", "a", "127.0.0.1", 5701,
				List.of("127.0.0.1:5702"), Duration.ofSeconds(6), Duration.ofSeconds(5));
		Config config = HazelcastMemberConfig.from(properties);
		assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("6");
		assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
		assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
	}

	@Test
	void propertiesWhenTimingNotWholeSecondsThenRefusedAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HazelcastMemberProperties("idp", "a", "127.0.0.1", 5701, List.of(),
					Duration.ofMillis(1500), Duration.ofSeconds(5)))
			.withMessageContaining("idp.hazelcast.failure-detection-timeout");
	}

	@Test
	void fromWhenNoMembersThenAloneAndSilent() {
		Config config = HazelcastMemberConfig.from(HazelcastMemberProperties.defaults());
		JoinConfig join = config.getAdvancedNetworkConfig().getJoin();
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
		assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
		assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
		assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
		assertThat(((ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER)).getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
		assertThat(((ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER)).isPortAutoIncrement()).isTrue();
		assertThat(config.getMemberAttributeConfig().getAttribute("site")).isEqualTo("local");
	}

	@Test
	void fromWhenAnySettingsThenMemberEndpointOnlyAndJavaDeserializationWhitelisted() {
		Config config = HazelcastMemberConfig.from(HazelcastMemberProperties.defaults());
		assertThat(config.getAdvancedNetworkConfig().isEnabled()).isTrue();
		assertThat(config.getAdvancedNetworkConfig().getEndpointConfigs()).containsOnlyKeys(EndpointQualifier.MEMBER);
		assertThat(config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER).getProtocolType())
			.isEqualTo(com.hazelcast.instance.ProtocolType.MEMBER);
		var filter = config.getSerializationConfig().getJavaSerializationFilterConfig();
		assertThat(filter).isNotNull();
		assertThat(filter.isDefaultsDisabled()).isTrue();
		assertThat(filter.getWhitelist().getPrefixes()).containsExactlyInAnyOrderElementsOf(HazelcastMemberConfig.DESERIALIZABLE);
		assertThat(config.getProperty("hazelcast.logging.details.enabled")).isEqualTo("false");
	}

	@Test
	void fromWhenMembersListedThenTcpIpJoinOnlyAndMulticastStillOff() {
		HazelcastMemberProperties properties = new HazelcastMemberProperties("idp", "site-b", "127.0.0.2", 5801,
				List.of("127.0.0.1:5701", "127.0.0.3:5701"));
		Config config = HazelcastMemberConfig.from(properties);
		JoinConfig join = config.getAdvancedNetworkConfig().getJoin();
		assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
		assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701", "127.0.0.3:5701");
		assertThat(join.getMulticastConfig().isEnabled()).isFalse();
		assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
		assertThat(((ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs().get(EndpointQualifier.MEMBER)).getPort()).isEqualTo(5801);
		assertThat(config.getClusterName()).isEqualTo("idp");
		assertThat(config.getMemberAttributeConfig().getAttribute("site")).isEqualTo("site-b");
	}

	@Test
	void hazelcastInstanceWhenStartedThenOneLoneMemberOnLoopbackWithSite() {
		this.runner.withPropertyValues("idp.hazelcast.site=site-a").run((context) -> {
			assertThat(context).hasSingleBean(HazelcastInstance.class);
			HazelcastInstance hazelcast = context.getBean(HazelcastInstance.class);
			assertThat(hazelcast.getCluster().getMembers()).hasSize(1);
			assertThat(hazelcast.getCluster().getLocalMember().getAttribute("site")).isEqualTo("site-a");
			assertThat(hazelcast.getCluster().getLocalMember().getAddress().getHost()).isEqualTo("127.0.0.1");
			assertThat(hazelcast.getConfig().getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
		});
	}

	@Test
	void hazelcastInstanceWhenApplicationDeclaresOneThenBacksOff() {
		HazelcastInstance own = HazelcastTestMembers.standalone();
		try {
			this.runner.withBean("ownHazelcast", HazelcastInstance.class, () -> own).run((context) -> {
				assertThat(context).hasSingleBean(HazelcastInstance.class);
				assertThat(context.getBean(HazelcastInstance.class)).isSameAs(own);
			});
		}
		finally {
			own.shutdown();
		}
	}

}
