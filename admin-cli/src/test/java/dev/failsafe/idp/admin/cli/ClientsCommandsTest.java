package dev.failsafe.idp.admin.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The clients commands against canned answers taken from docs/admin-api.md. */
class ClientsCommandsTest extends ContractCommandsTest {

	static final String SHOP = """
			{"clientId":"shop","clientName":"Shop","clientType":"confidential","applicationType":"web",
			"grantTypes":["authorization_code","refresh_token"],"redirectUris":["https://shop.example/cb"],
			"postLogoutRedirectUris":[],"scopes":["openid","profile"],"operator":false,"requireConsent":true,
			"requirePkce":true,"signingAlgorithm":"RS256","backchannelLogoutUri":"https://shop.example/logout/back-channel",
			"backchannelLogoutSessionRequired":true,"clientIdIssuedAt":"2026-01-01T10:00:00.5Z"}""";

	@Test
	void clientsListWhenClientsThenTableOfIdNameTypeGrantsAndScopes() {
		this.server.answer("GET", "/admin/clients", 200, "{\"clients\":[" + SHOP + "]}");

		CliRun run = run("clients", "list");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).isEqualTo("""
				CLIENT ID  NAME  TYPE          GRANT TYPES                       SCOPES
				shop       Shop  confidential  authorization_code,refresh_token  openid,profile
				""");
		assertThat(run.err()).isEmpty();
	}

	@Test
	void clientsListWhenJsonThenApiBodyAsItCame() {
		String body = "{\"clients\":[" + SHOP + "]}";
		this.server.answer("GET", "/admin/clients", 200, body);

		assertThat(run("clients", "list", "--json").out()).isEqualTo(body + "\n");
	}

	@Test
	void clientsShowWhenKnownThenOneFieldPerLineAndNoSecret() {
		this.server.answer("GET", "/admin/clients/shop", 200, SHOP);

		CliRun run = run("clients", "show", "shop");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("clientId:                         shop\n")
			.contains("redirectUris:                     https://shop.example/cb\n")
			.contains("postLogoutRedirectUris:           -\n")
			.contains("clientIdIssuedAt:                 2026-01-01T10:00:00Z\n")
			.doesNotContainIgnoringCase("secret");
	}

	@Test
	void clientsShowWhenUnknownThenNotFoundWithTheProblemsDetail() {
		this.server.answer("GET", "/admin/clients/nope", 404,
				ContractServer.problem(404, "Not Found", "No client with id nope.", "/admin/clients/nope"));

		CliRun run = run("clients", "show", "nope");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
		assertThat(run.err()).isEqualTo("idp-admin: No client with id nope. (HTTP 404, GET /admin/clients/nope)\n");
	}

	@Test
	void clientsCreateWhenOptionsThenClientRequestSentAndSecretPrintedOnce() {
		this.server.answer("POST", "/admin/clients", 201,
				"{\"client\":" + SHOP + ",\"clientSecret\":\"one-time-secret-value\"}");

		CliRun run = run("clients", "create", "shop", "--name", "Shop", "--type", "confidential", "--grant-type",
				"authorization_code,refresh_token", "--redirect-uri", "https://shop.example/cb", "--scope", "openid",
				"--scope", "profile", "--consent", "--signing-algorithm", "RS256");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(0).body());
		assertThat(sent.path("clientId").stringValue()).isEqualTo("shop");
		assertThat(sent.path("clientType").stringValue()).isEqualTo("confidential");
		assertThat(Table.text(sent.path("grantTypes"))).isEqualTo("authorization_code,refresh_token");
		assertThat(Table.text(sent.path("scopes"))).isEqualTo("openid,profile");
		assertThat(sent.path("requireConsent").asBoolean()).isTrue();
		assertThat(sent.has("postLogoutRedirectUris")).isFalse();
		assertThat(run.out()).startsWith("Created client shop.\n")
			.containsOnlyOnce("one-time-secret-value")
			.contains("Client secret: one-time-secret-value\n")
			.contains("shown this once");
	}

	@Test
	void clientsCreateWhenIdTakenThenConflictExitCode() {
		this.server.answer("POST", "/admin/clients", 409,
				ContractServer.problem(409, "Conflict", "Client id shop is taken.", "/admin/clients"));

		CliRun run = run("clients", "create", "shop", "--type", "public");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(run.err()).startsWith("idp-admin: Client id shop is taken.").endsWith(")\n").hasLineCount(1);
	}

	@Test
	void clientsCreateWhenServerSaysBadInputThenUsageExitCodeWithDetail() {
		this.server.answer("POST", "/admin/clients", 400, ContractServer.problem(400, "Bad Request",
				"redirectUris[0] must be absolute and without a fragment.", "/admin/clients"));

		CliRun run = run("clients", "create", "shop", "--redirect-uri", "/relative");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("redirectUris[0] must be absolute").hasLineCount(1);
	}

	@Test
	void clientsCreateWhenUnknownTypeOrGrantThenUsageExitCodeAndNothingSent() {
		CliRun type = run("clients", "create", "shop", "--type", "secret");
		CliRun grant = run("clients", "create", "shop", "--grant-type", "password");

		assertThat(type.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(type.err()).contains("'--type'").contains("'secret'").hasLineCount(1);
		assertThat(grant.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(grant.err()).contains("'password'").hasLineCount(1);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void clientsUpdateWhenSomeOptionsThenOthersKeepTheirValues() {
		this.server.answer("GET", "/admin/clients/shop", 200, SHOP)
			.answer("PUT", "/admin/clients/shop", 200, SHOP.replace("\"Shop\"", "\"New Shop\""));

		CliRun run = run("clients", "update", "shop", "--name", "New Shop", "--no-consent");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		ContractServer.Request put = this.server.requests.get(1);
		assertThat(put.method()).isEqualTo("PUT");
		JsonNode sent = AdminApi.parse(put.body());
		assertThat(sent.path("clientName").stringValue()).isEqualTo("New Shop");
		assertThat(sent.path("requireConsent").asBoolean()).isFalse();
		assertThat(sent.path("clientId").stringValue()).isEqualTo("shop");
		assertThat(Table.text(sent.path("redirectUris"))).isEqualTo("https://shop.example/cb");
		assertThat(sent.has("requirePkce")).isFalse();
		assertThat(sent.has("clientIdIssuedAt")).isFalse();
		assertThat(run.out()).startsWith("Updated client shop.\n").contains("New Shop");
	}

	@Test
	void clientsCreateWhenOperatorAndNativeOptionsThenSentAsTheApiNamesThem() {
		this.server.answer("POST", "/admin/clients", 201, "{\"client\":" + SHOP + ",\"clientSecret\":null}");

		CliRun operator = run("clients", "create", "ops", "--type", "confidential", "--grant-type",
				"client_credentials", "--scope", "admin", "--operator");
		CliRun nativeApp = run("clients", "create", "desktop", "--type", "public", "--application-type", "native",
				"--grant-type", "authorization_code", "--redirect-uri", "http://127.0.0.1/callback", "--no-operator");

		assertThat(operator.exitCode()).as(operator.err()).isEqualTo(ExitCodes.OK);
		assertThat(nativeApp.exitCode()).as(nativeApp.err()).isEqualTo(ExitCodes.OK);
		JsonNode sentOperator = AdminApi.parse(this.server.requests.get(0).body());
		assertThat(sentOperator.path("operator").isBoolean()).isTrue();
		assertThat(sentOperator.path("operator").asBoolean()).isTrue();
		assertThat(sentOperator.has("applicationType")).isFalse();
		JsonNode sentNative = AdminApi.parse(this.server.requests.get(1).body());
		assertThat(sentNative.path("applicationType").stringValue()).isEqualTo("native");
		assertThat(sentNative.path("operator").asBoolean(true)).isFalse();
	}

	@Test
	void clientsCreateWhenProtocolOptionsThenKeysFlagsAndDeviceGrantSent(@TempDir Path directory) throws Exception {
		this.server.answer("POST", "/admin/clients", 201, "{\"client\":" + SHOP + ",\"clientSecret\":null}");
		Path jwks = directory.resolve("keys.json");
		Files.writeString(jwks, "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"a\",\"y\":\"b\"}]}");

		CliRun run = run("clients", "create", "tv", "--type", "public", "--grant-type", "device_code,refresh_token",
				"--jwks-file", jwks.toString(), "--require-par", "--dpop");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(0).body());
		assertThat(Table.text(sent.path("grantTypes")))
			.isEqualTo("urn:ietf:params:oauth:grant-type:device_code,refresh_token");
		assertThat(sent.path("jwks").path("keys").get(0).path("crv").stringValue()).isEqualTo("P-256");
		assertThat(sent.path("requirePushedAuthorizationRequests").asBoolean()).isTrue();
		assertThat(sent.path("dpopBoundAccessTokens").asBoolean()).isTrue();
	}

	@Test
	void clientsCreateWhenJwksFileMissingThenUsageExitCodeAndNothingSent(@TempDir Path directory) {
		CliRun run = run("clients", "create", "tv", "--jwks-file", directory.resolve("none.json").toString());

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("none.json").hasLineCount(1);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void clientsCreateWhenApplicationTypeUnknownThenUsageExitCodeAndNothingSent() {
		CliRun run = run("clients", "create", "desktop", "--application-type", "desktop");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("'--application-type'").contains("'desktop'").hasLineCount(1);
		assertThat(this.server.requests).isEmpty();
	}

	@Test
	void clientsUpdateWhenOperatorGivenThenKeepsApplicationTypeAndSendsTheMark() {
		this.server.answer("GET", "/admin/clients/shop", 200, SHOP)
			.answer("PUT", "/admin/clients/shop", 200, SHOP);

		CliRun run = run("clients", "update", "shop", "--operator");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(1).body());
		assertThat(sent.path("operator").asBoolean()).isTrue();
		assertThat(sent.path("applicationType").stringValue()).isEqualTo("web");
	}

	@Test
	void clientsDeleteWhenKnownThenDeletedAndOk() {
		this.server.answer("DELETE", "/admin/clients/shop", 204, null);

		CliRun run = run("clients", "delete", "shop");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).isEqualTo("Deleted client shop.\n");
	}

	@Test
	void clientsRotateSecretWhenConfidentialThenNewSecretPrintedOnce() {
		this.server.answer("POST", "/admin/clients/shop/secret", 200,
				"{\"clientId\":\"shop\",\"clientSecret\":\"fresh-secret\"}");

		CliRun run = run("clients", "rotate-secret", "shop");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).containsOnlyOnce("fresh-secret").contains("Client secret: fresh-secret\n");
	}

	@Test
	void clientsRotateSecretWhenPublicClientThenUsageExitCode() {
		this.server.answer("POST", "/admin/clients/spa/secret", 400,
				ContractServer.problem(400, "Bad Request", "Public client spa has no secret.", "/admin/clients/spa/secret"));

		CliRun run = run("clients", "rotate-secret", "spa");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).contains("Public client spa has no secret.");
	}

}
