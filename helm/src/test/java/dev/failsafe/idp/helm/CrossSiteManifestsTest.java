package dev.failsafe.idp.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code helm template} renders across the sites' example values (mode: site): each site lists
 * every other site's pods as Hazelcast members, and what the sites share is the same at each.
 */
class CrossSiteManifestsTest {

	static List<Path> sites() {
		return Chart.siteExampleFiles();
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenMemberListHoldsEveryOtherSitesPods(Path site) {
		List<String> members = new ArrayList<>();
		Chart.render(site).applicationConfig().at("/idp/hazelcast/members").forEach((m) -> members.add(m.asString()));
		JsonNode memberMap = Chart.values(site).at("/hazelcast/members");

		for (Path other : sites()) {
			if (other.equals(site)) {
				continue;
			}
			String otherSite = Chart.values(other).at("/site/name").asString();
			Manifests.Manifest otherStatefulSet = Chart.render(other).one("StatefulSet");
			List<String> listed = new ArrayList<>();
			memberMap.path(otherSite).forEach((m) -> listed.add(m.asString()));
			assertThat(listed).as("%s lists %s", site.getFileName(), otherSite)
				.hasSize(otherStatefulSet.body().at("/spec/replicas").asInt());
			assertThat(members).containsAll(listed);
			for (int pod = 0; pod < listed.size(); pod++) {
				assertThat(listed).anyMatch(startsWith(otherStatefulSet.name() + "-" + pod + "."));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("sites")
	void templateWhenSiteExampleThenMemberMapIsTheSameAtEverySite(Path site) {
		JsonNode first = Chart.values(sites().get(0)).at("/hazelcast/members");

		assertThat(Chart.values(site).at("/hazelcast/members")).isEqualTo(first);
		assertThat(Chart.render(site).applicationConfig().at("/idp/hazelcast/site").asString())
			.isEqualTo(Chart.values(site).at("/site/name").asString());
	}

	@Test
	void templateWhenSiteExamplesThenIssuerAndSharedSettingsAreIdentical() {
		List<JsonNode> configs = sites().stream().map((site) -> Chart.render(site).applicationConfig()).toList();
		JsonNode first = configs.get(0);

		assertThat(first.at("/idp/issuer").asString()).startsWith("https://");
		for (JsonNode config : configs) {
			assertThat(config.at("/idp/issuer")).isEqualTo(first.at("/idp/issuer"));
			assertThat(config.at("/idp/tokens")).isEqualTo(first.at("/idp/tokens"));
			assertThat(config.at("/idp/keys")).isEqualTo(first.at("/idp/keys"));
			assertThat(config.at("/idp/hazelcast/cluster-name")).isEqualTo(first.at("/idp/hazelcast/cluster-name"));
			assertThat(config.at("/spring/data/redis/sentinel")).isEqualTo(first.at("/spring/data/redis/sentinel"));
		}
		assertThat(configs).extracting((config) -> config.at("/idp/hazelcast/site").asString()).doesNotHaveDuplicates();
	}

	private static java.util.function.Predicate<String> startsWith(String prefix) {
		return (value) -> value.startsWith(prefix);
	}

}
