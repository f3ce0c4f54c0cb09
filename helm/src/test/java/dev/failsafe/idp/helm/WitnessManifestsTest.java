package dev.failsafe.idp.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code helm template} renders for the witness's example values (mode: witness): what the third
 * place holds (docs/availability.md), and the topology rules its configuration must keep: which
 * replica may be promoted, what every write waits for, which majority decides.
 */
class WitnessManifestsTest {

	private static final List<String> CONTAINERS = List.of("sentinel", "redis", "etcd", "patroni");

	private final Manifests witness = Chart.render(Chart.example("witness"));

	private final Manifests.Manifest pod = this.witness.one("StatefulSet");

	@Test
	void templateWhenWitnessThenSentinelRedisEtcdAndPatroniRunButNoProviderNorHazelcastMember() {
		List<String> names = new ArrayList<>();
		this.pod.podSpec().path("containers").forEach((container) -> names.add(container.path("name").asString()));

		assertThat(names).containsExactlyElementsOf(CONTAINERS);
		assertThat(this.pod.name()).endsWith("-witness");
		assertThat(this.witness.all()).noneMatch((manifest) -> manifest.body().toString().contains("hazelcast"));
		assertThat(this.pod.container("sentinel").path("args").get(0).asString())
			.contains("exec redis-server /data/sentinel.conf --sentinel");
		assertThat(this.pod.container("patroni").path("command").toString())
			.isEqualTo("[\"patroni\",\"/etc/witness/patroni.yml\"]");
		assertThat(this.pod.body().at("/spec/volumeClaimTemplates").findValuesAsString("name"))
			.contains("etcd-data", "postgres-data");
	}

	@Test
	void templateWhenWitnessThenItMonitorsTheSitesMasterWithAMajorityQuorumAndASafeDownAfter() {
		String master = Chart.render(Chart.siteExampleFiles().get(0))
			.applicationConfig()
			.at("/spring/data/redis/sentinel/master")
			.asString();

		assertThat(sentinelConf()).contains("sentinel monitor " + master + " redis.site-a.example.internal 6379 2\n");
		Matcher downAfter = Pattern.compile("sentinel down-after-milliseconds \\S+ (\\d+)").matcher(sentinelConf());
		assertThat(downAfter.find()).isTrue();
		assertThat(Integer.parseInt(downAfter.group(1))).as("offsets read after the loss: more than 2000 ms")
			.isGreaterThan(2000);
		Matcher failoverTimeout = Pattern.compile("sentinel failover-timeout \\S+ (\\d+)").matcher(sentinelConf());
		assertThat(failoverTimeout.find()).isTrue();
		assertThat(Integer.parseInt(failoverTimeout.group(1))).as("a split vote retried within seconds, a promotion seen")
			.isBetween(2000, 5000);
	}

	@Test
	void templateWhenWitnessThenItsRedisIsAPromotableReplicaAndEveryWriteWaitsForOneReplica() {
		assertThat(config("redis.conf")).contains("replica-priority 100\n", "min-replicas-to-write 1\n",
				"replica-announce-ip witness.example.internal\n", "save \"\"\n")
			.doesNotContain("replica-priority 0");
		assertThat(this.pod.container("redis").path("args").get(0).asString())
			.contains("--replicaof $primary", "sentinel get-master-addr-by-name");
		for (var site : Chart.siteExampleFiles()) {
			assertThat(Chart.render(site).applicationConfig().at("/idp/redis/replicas-to-ack").asInt())
				.as("what %s waits for", site.getFileName())
				.isEqualTo(1);
		}
	}

	@Test
	void templateWhenWitnessThenItsPostgresMemberIsPromotableAndCommitsWaitForAnyOneOtherMember() {
		String patroni = config("patroni.yml");

		assertThat(patroni).contains("synchronous_standby_names: \"ANY 1 (\\\"site-a\\\", \\\"site-b\\\", \\\"witness\\\")\"",
				"synchronous_mode: false", "synchronous_commit: \"on\"", "use_pg_rewind: true", "check_timeline: true", "nofailover: false",
				"name: witness\n", "connect_address: witness.example.internal:5432");
		int ttl = integer(patroni, "ttl"), loopWait = integer(patroni, "loop_wait"),
				retryTimeout = integer(patroni, "retry_timeout");
		assertThat(loopWait + 2 * retryTimeout).as("a primary demotes itself before its key can expire")
			.isLessThanOrEqualTo(ttl);
		assertThat(ttl).as("bounds the directory's failover (target 15 s)").isLessThanOrEqualTo(10);
	}

	@Test
	void templateWhenWitnessThenEtcdHasOneMemberPerPlace() {
		String command = this.pod.container("etcd").path("command").toString();

		assertThat(command).contains("--initial-cluster=site-a=http://etcd.site-a.example.internal:2380,"
				+ "site-b=http://etcd.site-b.example.internal:2380,witness=http://witness.example.internal:2380")
			.contains("--pre-vote=true", "--name=witness",
					"--advertise-client-urls=http://witness.example.internal:2379");
	}

	@Test
	void templateWhenWitnessThenEverySiteKnowsItsSentinelAndItsPostgresMember() {
		JsonNode ports = this.witness.one("Service").body().at("/spec/ports");
		String sentinel = "witness.example.internal:" + port(ports, "sentinel");
		String postgres = "witness.example.internal:" + port(ports, "postgres");

		for (var site : Chart.siteExampleFiles()) {
			JsonNode config = Chart.render(site).applicationConfig();
			List<String> nodes = new ArrayList<>();
			config.at("/spring/data/redis/sentinel/nodes").forEach((n) -> nodes.add(n.asString()));
			assertThat(nodes).as("sentinels of %s", site.getFileName()).contains(sentinel).hasSize(3);
			assertThat(config.at("/spring/datasource/url").asString()).as("directory of %s", site.getFileName())
				.contains(postgres);
		}
	}

	@Test
	void templateWhenWitnessThenPasswordsComeOnlyFromSecretReferences() {
		assertThat(this.witness.ofKind("Secret")).isEmpty();
		assertThat(sentinelConf()).doesNotContain("auth-pass").doesNotContain("requirepass");
		assertThat(config("redis.conf")).doesNotContain("requirepass").doesNotContain("masterauth");
		assertThat(config("patroni.yml")).doesNotContain("password");
		List<String> secrets = new ArrayList<>();
		for (String name : CONTAINERS) {
			for (JsonNode variable : this.pod.container(name).path("env")) {
				if (variable.path("name").asString().contains("PASSWORD")) {
					assertThat(variable.has("value")).as(variable.toString()).isFalse();
					secrets.add(variable.at("/valueFrom/secretKeyRef/name").asString());
				}
			}
		}
		assertThat(secrets).containsOnly("failsafe-id-redis", "failsafe-id-patroni").hasSize(7);
	}

	@Test
	void templateWhenWitnessThenItRunsAsNonRootOnReadOnlyRootFilesystemAndAdmitsOnlyItsPorts() {
		assertThat(this.pod.podSpec().at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		for (String name : CONTAINERS) {
			assertThat(this.pod.container(name).at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name)
				.isTrue();
		}
		assertThat(this.witness.one("NetworkPolicy").body().at("/spec/ingress/0/ports").findValuesAsString("port"))
			.containsExactly("sentinel", "redis", "etcd-client", "etcd-peer", "postgres", "patroni");
	}

	private String sentinelConf() {
		return config("sentinel.conf");
	}

	private String config(String file) {
		return this.witness.one("ConfigMap").body().at("/data/" + file).asString();
	}

	private static int integer(String yaml, String key) {
		Matcher matcher = Pattern.compile("\\n\\s*" + key + ": (\\d+)\\n").matcher(yaml);
		assertThat(matcher.find()).as(key).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static int port(JsonNode ports, String name) {
		for (JsonNode port : ports) {
			if (name.equals(port.path("name").asString())) {
				return port.path("port").asInt();
			}
		}
		throw new AssertionError("no port " + name);
	}

}
