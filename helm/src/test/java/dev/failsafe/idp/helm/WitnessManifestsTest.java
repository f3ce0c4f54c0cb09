package dev.failsafe.idp.helm;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code helm template} renders for the witness's example values (mode: witness). */
class WitnessManifestsTest {

	private final Manifests witness = Chart.render(Chart.example("witness"));

	@Test
	void templateWhenWitnessThenNoProviderAndNoHazelcastMemberRun() {
		assertThat(this.witness.ofKind("StatefulSet")).isEmpty();
		assertThat(this.witness.all()).noneMatch((manifest) -> manifest.body().toString().contains("hazelcast"));
		assertThat(this.witness.one("Deployment").container().path("args").get(0).asString())
			.contains("exec redis-server /data/sentinel.conf --sentinel");
	}

	@Test
	void templateWhenWitnessThenItMonitorsTheSitesMasterWithQuorumTwo() {
		String master = Chart.render(Chart.siteExampleFiles().get(0))
			.applicationConfig()
			.at("/spring/data/redis/sentinel/master")
			.asString();

		assertThat(sentinelConf()).contains("sentinel monitor " + master + " redis.site-a.example.internal 6379 2\n");
	}

	@Test
	void templateWhenWitnessThenEverySiteKnowsItsAnnouncedAddress() {
		String announced = Chart.values(Chart.example("witness")).at("/witness/announceHostname").asString() + ":"
				+ this.witness.one("Service").body().at("/spec/ports/0/port").asInt();

		assertThat(sentinelConf()).contains("sentinel announce-ip " + announced.substring(0, announced.indexOf(':')));
		for (var site : Chart.siteExampleFiles()) {
			List<String> nodes = new ArrayList<>();
			Chart.render(site).applicationConfig().at("/spring/data/redis/sentinel/nodes").forEach((n) -> nodes.add(n.asString()));
			assertThat(nodes).as("sentinels of %s", site.getFileName()).contains(announced).hasSize(3);
		}
	}

	@Test
	void templateWhenWitnessThenPasswordsComeOnlyFromSecretReferences() {
		JsonNode container = this.witness.one("Deployment").container();

		assertThat(this.witness.ofKind("Secret")).isEmpty();
		assertThat(sentinelConf()).doesNotContain("auth-pass").doesNotContain("requirepass");
		for (JsonNode variable : container.path("env")) {
			if (variable.path("name").asString().contains("PASSWORD")) {
				assertThat(variable.has("value")).isFalse();
				assertThat(variable.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo("failsafe-id-redis");
			}
		}
		assertThat(container.path("env")).filteredOn((variable) -> variable.path("name").asString().contains("PASSWORD"))
			.hasSize(2);
	}

	@Test
	void templateWhenWitnessThenItRunsAsNonRootOnReadOnlyRootFilesystem() {
		Manifests.Manifest deployment = this.witness.one("Deployment");

		assertThat(deployment.podSpec().at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(deployment.container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(this.witness.one("NetworkPolicy").body().at("/spec/ingress/0/ports/0/port").asString())
			.isEqualTo("sentinel");
	}

	private String sentinelConf() {
		return this.witness.one("ConfigMap").body().at("/data/sentinel.conf").asString();
	}

}
