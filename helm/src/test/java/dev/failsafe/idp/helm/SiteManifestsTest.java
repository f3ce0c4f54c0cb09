package dev.failsafe.idp.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code helm template} renders for the sites' example values (mode: site). */
class SiteManifestsTest {

	private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i).*(password|secret|kek|credential|token).*");

	private static final String DATA_DIR = "/var/lib/failsafe-id";

	static List<Path> sites() {
		return Chart.siteExampleFiles();
	}

	@Test
	void sitesWhenListedThenAtLeastTwo() {
		assertThat(sites()).hasSizeGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenNoSecretIsRendered(Path site) {
		assertThat(Chart.render(site).ofKind("Secret")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenKekAndPasswordsComeOnlyFromSecretReferences(Path site) {
		Manifests manifests = Chart.render(site);
		JsonNode secrets = Chart.values(site).path("secrets");
		Map<String, String> secretOf = new HashMap<>();
		for (JsonNode variable : manifests.one("StatefulSet").container().path("env")) {
			String name = variable.path("name").asString();
			if (CREDENTIAL_NAME.matcher(name).matches()) {
				assertThat(variable.has("value")).as("%s has a literal value", name).isFalse();
				secretOf.put(name, variable.at("/valueFrom/secretKeyRef/name").asString());
			}
		}

		assertThat(secretOf).containsOnly(Map.entry("IDP_KEK", secrets.at("/kek/name").asString()),
				Map.entry("SPRING_DATASOURCE_PASSWORD", secrets.at("/database/name").asString()),
				Map.entry("SPRING_FLYWAY_PASSWORD", secrets.at("/database/name").asString()),
				Map.entry("SPRING_DATA_REDIS_PASSWORD", secrets.at("/redis/name").asString()),
				Map.entry("SPRING_DATA_REDIS_SENTINEL_PASSWORD", secrets.at("/redis/name").asString()),
				Map.entry("IDP_METRICS_TOKEN", secrets.at("/metrics/name").asString()));
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenConfigMapsHoldNoCredential(Path site) {
		Manifests manifests = Chart.render(site);
		List<String> keys = new ArrayList<>();
		collectKeys("", manifests.applicationConfig(), keys);

		assertThat(manifests.ofKind("ConfigMap")).hasSize(1);
		assertThat(keys).isNotEmpty()
			.noneMatch((key) -> key.matches("(?i).*(password|secret|credential).*"))
			.filteredOn((key) -> key.contains("kek"))
			.containsExactlyInAnyOrder("idp.keyring.kek-variable", "idp.keyring.generate-kek");
		assertThat(manifests.applicationConfig().at("/idp/keyring/generate-kek").asBoolean(true)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenProbesAskActuatorOnTheApplicationsPort(Path site) {
		Manifests manifests = Chart.render(site);
		JsonNode container = manifests.one("StatefulSet").container();
		JsonNode config = manifests.applicationConfig();

		assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
		assertThat(container.at("/startupProbe/httpGet/path").asString()).isEqualTo("/actuator/health/liveness");
		assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
			assertThat(containerPort(container, container.at("/" + probe + "/httpGet/port").asString()))
				.as(probe)
				.isEqualTo(config.at("/server/port").asInt());
		}
		assertThat(config.at("/management/server/port").isMissingNode())
			.as("actuator stays on server.port")
			.isTrue();
		assertThat(config.at("/management/endpoint/health/probes/enabled").asBoolean()).isTrue();
	}

	/**
	 * The providers find the directory's primary themselves: every Patroni member, this site's first;
	 * the application prefers the primary and falls back to a member that answers for reads, Flyway
	 * only migrates a primary; a driver-side socket timeout, never a server-side statement timeout.
	 */
	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenDirectoryUrlsListEveryMemberOwnFirst(Path site) {
		JsonNode config = Chart.render(site).applicationConfig();
		List<String> members = new ArrayList<>();
		Chart.values(site).at("/database/members").forEach((member) -> members.add(member.asString()));
		String hosts = "jdbc:postgresql://" + String.join(",", members) + "/idp?";

		assertThat(members).hasSize(3);
		assertThat(members.get(0)).contains(Chart.values(site).at("/site/name").asString());
		assertThat(config.at("/spring/datasource/url").asString()).startsWith(hosts)
			.contains("targetServerType=preferPrimary", "socketTimeout=3", "connectTimeout=2")
			.doesNotContain("statement_timeout");
		assertThat(config.at("/spring/flyway/url").asString()).startsWith(hosts).contains("targetServerType=primary&");
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenForwardedHeadersBelievedOnlyFromTheIngressControllersNetwork(Path site) {
		Manifests manifests = Chart.render(site);
		String proxies = manifests.applicationConfig().at("/server/tomcat/remoteip/internal-proxies").asString();

		assertThat(proxies).matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+(, \\d+\\.\\d+\\.\\d+\\.\\d+/\\d+)*");
		assertThat(manifests.applicationConfig().at("/server/forward-headers-strategy").isMissingNode()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenIngressServesTheIssuersHost(Path site) {
		Manifests manifests = Chart.render(site);
		String issuerHost = java.net.URI.create(manifests.applicationConfig().at("/idp/issuer").asString()).getHost();

		assertThat(manifests.one("Ingress").body().at("/spec/rules/0/host").asString()).isEqualTo(issuerHost);
		assertThat(manifests.one("Ingress").body().at("/spec/rules/0/http/paths/0/backend/service/name").asString())
			.isEqualTo(manifests.ofKind("Service")
				.filter((service) -> !service.body().at("/spec/clusterIP").asString().equals("None"))
				.findFirst()
				.orElseThrow()
				.name());
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenPodsRunAsNonRootOnReadOnlyRootFilesystem(Path site) {
		Manifests manifests = Chart.render(site);
		Manifests.Manifest statefulSet = manifests.one("StatefulSet");
		JsonNode container = statefulSet.container();

		assertThat(statefulSet.podSpec().at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(statefulSet.podSpec().at("/securityContext/runAsUser").asInt()).isPositive();
		assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
		assertThat(container.at("/securityContext/capabilities/drop/0").asString()).isEqualTo("ALL");
		assertThat(mountPaths(container)).containsEntry("/tmp", "tmp").containsEntry(DATA_DIR, "data");
		assertThat(manifests.applicationConfig().at("/idp/data-dir").asString()).isEqualTo(DATA_DIR);
		assertThat(statefulSet.body().at("/spec/volumeClaimTemplates/0/metadata/name").asString()).isEqualTo("data");
		assertThat(statefulSet.podSpec().path("volumes")).anyMatch((volume) -> volume.path("name").asString().equals("tmp")
				&& volume.has("emptyDir"));
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenNetworkPolicyAdmitsHttpAndTheOtherSitesMembers(Path site) {
		Manifests manifests = Chart.render(site);
		JsonNode ingress = manifests.one("NetworkPolicy").body().at("/spec/ingress");
		JsonNode hazelcastRule = ingress.get(1);

		assertThat(ingress.get(0).at("/ports/0/port").asString()).isEqualTo("http");
		assertThat(hazelcastRule.at("/ports/0/port").asString()).isEqualTo("hazelcast");
		assertThat(hazelcastRule.at("/from/0/podSelector/matchLabels"))
			.isEqualTo(manifests.one("StatefulSet").body().at("/spec/selector/matchLabels"));
		assertThat(hazelcastRule.path("from")).contains(Chart.values(site).at("/networkPolicy/hazelcastFrom/0"));
		assertThat(containerPort(manifests.one("StatefulSet").container(), "hazelcast"))
			.isEqualTo(manifests.applicationConfig().at("/idp/hazelcast/port").asInt());
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenDisruptionBudgetAndServicesSelectTheProviderPods(Path site) {
		Manifests manifests = Chart.render(site);
		JsonNode selector = manifests.one("StatefulSet").body().at("/spec/selector/matchLabels");
		Manifests.Manifest headless = manifests.ofKind("Service")
			.filter((service) -> service.body().at("/spec/clusterIP").asString().equals("None"))
			.findFirst()
			.orElseThrow();

		assertThat(manifests.one("PodDisruptionBudget").body().at("/spec/selector/matchLabels")).isEqualTo(selector);
		assertThat(manifests.one("PodDisruptionBudget").body().at("/spec/maxUnavailable").asInt()).isEqualTo(1);
		assertThat(manifests.ofKind("Service")).allMatch((service) -> service.body().at("/spec/selector").equals(selector));
		assertThat(headless.name()).isEqualTo(manifests.one("StatefulSet").body().at("/spec/serviceName").asString());
		assertThat(headless.body().at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenServiceMonitorScrapesPrometheusOnHttpWithTheScrapeToken(Path site) {
		JsonNode endpoint = Chart.render(site).one("ServiceMonitor").body().at("/spec/endpoints/0");

		assertThat(endpoint.path("port").asString()).isEqualTo("http");
		assertThat(endpoint.path("path").asString()).isEqualTo("/actuator/prometheus");
		assertThat(endpoint.at("/authorization/type").asString()).isEqualTo("Bearer");
		assertThat(endpoint.at("/authorization/credentials/name").asString())
			.isEqualTo(Chart.values(site).at("/secrets/metrics/name").asString());
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSettingsChangeThenPodsRoll(Path site, @org.junit.jupiter.api.io.TempDir Path work) {
		Path longerTokens = Chart.edit(site, work, (values) -> ((ObjectNode) values.get("tokens")).put("accessTokenTtl", "10m"));

		assertThat(checksum(Chart.render(longerTokens))).isNotEqualTo(checksum(Chart.render(site)));
	}

	private static String checksum(Manifests manifests) {
		return manifests.one("StatefulSet").body().at("/spec/template/metadata/annotations/checksum~1config").asString();
	}

	private static int containerPort(JsonNode container, String name) {
		for (JsonNode port : container.path("ports")) {
			if (port.path("name").asString().equals(name)) {
				return port.path("containerPort").asInt();
			}
		}
		throw new AssertionError("no container port named " + name);
	}

	private static Map<String, String> mountPaths(JsonNode container) {
		Map<String, String> mounts = new HashMap<>();
		container.path("volumeMounts").forEach((mount) -> mounts.put(mount.path("mountPath").asString(), mount.path("name").asString()));
		return mounts;
	}

	private static void collectKeys(String prefix, JsonNode node, List<String> keys) {
		if (!node.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
			keys.add(key);
			collectKeys(key, entry.getValue(), keys);
		}
	}

}
