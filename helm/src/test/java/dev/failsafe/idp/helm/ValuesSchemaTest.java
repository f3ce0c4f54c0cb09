package dev.failsafe.idp.helm;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Bad values fail {@code helm template} (and so {@code helm install}) with a message naming the
 * value: from values.schema.json, or from the chart's own checks where a schema cannot say it.
 */
class ValuesSchemaTest {

	private static final String SCHEMA_FAILURE = "values don't meet the specifications of the schema(s)";

	@TempDir
	Path work;

	@Test
	void schemaWhenReadThenMemberListRequiresAnEncryptedAuthenticatedTunnelBetweenSites() throws Exception {
		tools.jackson.databind.JsonNode schema = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(java.nio.file.Files.readString(Chart.directory().resolve("values.schema.json")));
		org.assertj.core.api.Assertions
			.assertThat(schema.at("/properties/hazelcast/properties/members/description").asString())
			.contains("encrypted, authenticated tunnel");
	}

	@Test
	void templateWhenSiteNameMissingThenSchemaSaysItIsRequired() {
		assertRefused("site-a", (values) -> object(values, "site").remove("name"))
			.withMessageContaining(SCHEMA_FAILURE)
			.withMessageContaining("at '/site': missing property 'name'");
	}

	@Test
	void templateWhenSiteNameIsNoDnsLabelThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> object(values, "site").put("name", "Site A"))
			.withMessageContaining("at '/site/name'");
	}

	@Test
	void templateWhenMemberMapEmptyThenSchemaAsksForTwoSites() {
		assertRefused("site-a", (values) -> object(values, "hazelcast").putObject("members"))
			.withMessageContaining(SCHEMA_FAILURE)
			.withMessageContaining("at '/hazelcast/members': minProperties: got 0, want 2");
	}

	@Test
	void templateWhenOneSitesMemberListEmptyThenSchemaRefusesIt() {
		assertRefused("site-b", (values) -> object(object(values, "hazelcast"), "members").putArray("site-a"))
			.withMessageContaining(SCHEMA_FAILURE)
			.withMessageContaining("at '/hazelcast/members/site-a': minItems: got 0, want 1");
	}

	@Test
	void templateWhenKeyMisspeltThenSchemaNamesTheUnknownKey() {
		assertRefused("site-a", (values) -> values.put("replicaCont", 3))
			.withMessageContaining(SCHEMA_FAILURE)
			.withMessageContaining("additional properties 'replicaCont' not allowed");
	}

	@Test
	void templateWhenNestedKeyMisspeltThenSchemaNamesItWhereItIs() {
		assertRefused("site-a", (values) -> object(values, "tokens").put("accesTokenTtl", "5m"))
			.withMessageContaining("at '/tokens': additional properties 'accesTokenTtl' not allowed");
	}

	@Test
	void templateWhenPasswordGivenAsValueThenSchemaHasNoPlaceForIt() {
		assertRefused("site-a", (values) -> object(object(values, "secrets"), "database").put("password", "hunter2"))
			.withMessageContaining("at '/secrets/database': additional properties 'password' not allowed");
	}

	@Test
	void templateWhenIssuerIsPlainHttpThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> values.put("issuer", "http://id.example.com"))
			.withMessageContaining("at '/issuer'");
	}

	@Test
	void templateWhenDurationHasNoUnitThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> object(values, "tokens").put("accessTokenTtl", "300"))
			.withMessageContaining("at '/tokens/accessTokenTtl'");
	}

	@Test
	void templateWhenKekSecretMissingThenSchemaSaysItIsRequired() {
		assertRefused("site-a", (values) -> object(object(values, "secrets"), "kek").remove("name"))
			.withMessageContaining("at '/secrets/kek': missing property 'name'");
	}

	@Test
	void templateWhenRootFilesystemMadeWritableThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> values.putObject("containerSecurityContext").put("readOnlyRootFilesystem", false))
			.withMessageContaining("at '/containerSecurityContext/readOnlyRootFilesystem'");
	}

	@Test
	void templateWhenWitnessHasNoAnnouncedNameThenSchemaSaysItIsRequired() {
		assertRefused("witness", (values) -> object(values, "witness").remove("announceHostname"))
			.withMessageContaining("at '/witness': missing property 'announceHostname'");
	}

	@Test
	void templateWhenWritesWaitForNoReplicaThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> object(values, "redis").put("replicasToAck", 0))
			.withMessageContaining("at '/redis/replicasToAck': minimum: got 0, want 1");
	}

	@Test
	void templateWhenSentinelsDecideTooSoonThenSchemaRefusesIt() {
		assertRefused("witness", (values) -> object(values, "witness").put("downAfterMilliseconds", 2000))
			.withMessageContaining("at '/witness/downAfterMilliseconds': minimum: got 2,000, want 2,001");
	}

	@Test
	void templateWhenWitnessHasNoPatroniImageThenSchemaSaysItIsRequired() {
		assertRefused("witness", (values) -> object(object(values, "witness"), "directory").remove("image"))
			.withMessageContaining("at '/witness/directory/image/repository'");
	}

	@Test
	void templateWhenPatroniTimingsCouldNotDemoteInTimeThenChartSaysWhy() {
		assertRefused("witness", (values) -> object(object(values, "witness"), "directory").put("retryTimeoutSeconds", 3))
			.withMessageContaining("loopWaitSeconds + 2 x retryTimeoutSeconds (7) exceeds ttlSeconds (5)");
	}

	@Test
	void templateWhenWitnessMissingFromItsOwnMemberListsThenChartSaysWhatToList() {
		assertRefused("witness", (values) -> object(object(values, "witness"), "etcd").put("memberName", "third"))
			.withMessageContaining("witness.etcd.initialCluster has no entry for this member (witness.etcd.memberName=third)");
	}

	@Test
	void templateWhenOwnSiteMissingFromMemberMapThenChartSaysWhatToList() {
		assertRefused("site-a", (values) -> object(values, "site").put("name", "site-c"))
			.withMessageContaining("hazelcast.members has no entry for this site (site.name=site-c)")
			.withMessageContaining("sites listed: site-a, site-b");
	}

	@Test
	void templateWhenBothDisruptionBoundsSetThenChartAsksForOne() {
		assertRefused("site-a", (values) -> values.putObject("podDisruptionBudget").put("minAvailable", 1))
			.withMessageContaining("podDisruptionBudget: set either maxUnavailable or minAvailable, not both");
	}

	@Test
	void templateWhenOtherSitesNotAdmittedToHazelcastThenChartSaysWhichValue() {
		assertRefused("site-a", (values) -> object(values, "networkPolicy").putArray("hazelcastFrom"))
			.withMessageContaining("networkPolicy.hazelcastFrom is empty");
	}

	@Test
	void templateWhenServiceMonitorWithoutScrapeTokenSecretThenChartSaysWhichValue() {
		assertRefused("site-a", (values) -> object(values, "secrets").remove("metrics"))
			.withMessageContaining("serviceMonitor.enabled needs secrets.metrics.name");
	}

	@Test
	void templateWhenExtraConfigHoldsAPasswordThenChartRefusesIt() {
		assertRefused("site-a", (values) -> values.putObject("extraConfig")
			.putObject("spring")
			.putObject("datasource")
			.put("password", "hunter2"))
			.withMessageContaining("extraConfig must not hold a password, secret or key");
	}

	@Test
	void templateWhenIngressWithoutTrustedProxiesThenChartSaysWhy() {
		assertRefused("site-a", (values) -> values.putArray("trustedProxies"))
			.withMessageContaining("trustedProxies is empty while ingress.enabled");
	}

	@Test
	void templateWhenTrustedProxyIsNoCidrThenSchemaRefusesIt() {
		assertRefused("site-a", (values) -> values.putArray("trustedProxies").add("ingress-nginx"))
			.withMessageContaining("at '/trustedProxies/0'");
	}

	private org.assertj.core.api.ThrowableAssertAlternative<IllegalStateException> assertRefused(String example,
			Consumer<ObjectNode> change) {
		Path values = Chart.edit(Chart.example(example), this.work, change);
		return assertThatIllegalStateException().isThrownBy(() -> Chart.render(values));
	}

	private static ObjectNode object(ObjectNode parent, String name) {
		return (ObjectNode) parent.get(name);
	}

}
