package dev.failsafe.idp.admin.cli;

import static dev.failsafe.idp.admin.cli.ClientsCommandsTest.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The clients commands' back-channel logout options against canned answers taken from docs/admin-api.md. */
class ClientsBackChannelLogoutCommandsTest extends ContractCommandsTest {

	@Test
	void clientsCreateWhenBackChannelLogoutOptionsThenSentAsTheApiNamesThem() {
		this.server.answer("POST", "/admin/clients", 201, "{\"client\":" + SHOP + ",\"clientSecret\":\"s\"}");

		CliRun run = run("clients", "create", "shop", "--grant-type", "authorization_code", "--redirect-uri",
				"https://shop.example/cb", "--backchannel-logout-uri", "https://shop.example/logout/back-channel",
				"--backchannel-logout-session-required");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(0).body());
		assertThat(sent.path("backchannelLogoutUri").stringValue()).isEqualTo("https://shop.example/logout/back-channel");
		assertThat(sent.path("backchannelLogoutSessionRequired").asBoolean()).isTrue();
		assertThat(run.out()).contains("backchannelLogoutUri:             https://shop.example/logout/back-channel\n")
			.contains("backchannelLogoutSessionRequired: true\n");
	}

	@Test
	void clientsUpdateWhenBackChannelLogoutUriEmptyThenRemovedAndTheRestKept() {
		this.server.answer("GET", "/admin/clients/shop", 200, SHOP).answer("PUT", "/admin/clients/shop", 200, SHOP);

		CliRun run = run("clients", "update", "shop", "--backchannel-logout-uri", "");

		assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
		JsonNode sent = AdminApi.parse(this.server.requests.get(1).body());
		assertThat(sent.path("backchannelLogoutUri").isNull()).isTrue();
		assertThat(sent.path("backchannelLogoutSessionRequired").asBoolean(true)).isFalse();
		assertThat(Table.text(sent.path("redirectUris"))).isEqualTo("https://shop.example/cb");
	}

	@Test
	void clientsUpdateWhenUnrelatedOptionThenBackChannelLogoutKept() {
		this.server.answer("GET", "/admin/clients/shop", 200, SHOP).answer("PUT", "/admin/clients/shop", 200, SHOP);

		run("clients", "update", "shop", "--name", "Shop 2");

		JsonNode sent = AdminApi.parse(this.server.requests.get(1).body());
		assertThat(sent.path("backchannelLogoutUri").stringValue()).isEqualTo("https://shop.example/logout/back-channel");
		assertThat(sent.path("backchannelLogoutSessionRequired").asBoolean()).isTrue();
	}

}
