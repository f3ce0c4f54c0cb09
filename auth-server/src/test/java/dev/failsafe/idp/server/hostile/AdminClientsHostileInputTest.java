package dev.failsafe.idp.server.hostile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.failsafe.idp.server.hostile.ProtocolAssertions.assertNoInternals;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /admin/clients} under hostile input: every list member checked element by element, lists
 * only as JSON arrays. A refused registration is an RFC 9457 problem naming the member at fault,
 * and nothing is stored or changed.
 */
class AdminClientsHostileInputTest extends HostileInputSupport {

	private String token;

	@BeforeEach
	void token() {
		this.token = adminToken();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"\"redirectUris\":[\"https://app.example/cb,http://attacker.example/cb\"] | redirectUris[0]",
			"\"redirectUris\":[\"https://app.example/cb\",\"http://attacker.example/cb\"] | redirectUris[1]",
			"\"redirectUris\":[\"https://app.example/cb\",null] | redirectUris[1]",
			"\"redirectUris\":[\"https://app.example/c\u00e9\"] | redirectUris[0]",
			"\"redirectUris\":[\"http://localhost:9999/cb\"] | redirectUris[0]",
			"\"postLogoutRedirectUris\":[\"https://app.example/,https://attacker.example/\"] | postLogoutRedirectUris[0]",
			"\"scopes\":[\"openid,admin\"] | scopes[0]",
			"\"scopes\":[\"openid admin\"] | scopes[0]",
			"\"scopes\":[\"openid\",\"admin\"] | scopes",
			"\"scopes\":[null] | scopes[0]",
			"\"grantTypes\":[\"authorization_code\",\"password\"] | grantTypes[1]",
			"\"clientType\":\"secret\" | clientType",
			"\"applicationType\":\"desktop\" | applicationType",
			"\"applicationType\":\"native\" | applicationType",
			"\"operator\":true | operator",
			"\"backchannelLogoutUri\":\"http://attacker.example/bcl\" | backchannelLogoutUri",
			"\"backchannelLogoutUri\":\"https://app.example/bcl#f\" | backchannelLogoutUri",
			"\"backchannelLogoutUri\":\"javascript:alert(1)\" | backchannelLogoutUri",
			"\"backchannelLogoutUri\":\"\\u0000https://app.example/\" | backchannelLogoutUri",
			"\"backchannelLogoutSessionRequired\":true | backchannelLogoutSessionRequired" })
	void createWhenAMemberIsUnsafeThenProblemNamingItAndNothingStored(String member, String field) {
		String clientId = "hostile-" + System.nanoTime();
		BackChannel.Reply refused = adminCall(this.token, "POST", "/admin/clients", web(clientId, member));
		assertProblem(refused, 400);
		assertThat(refused.json()).containsEntry("field", field);
		assertThat(adminCall(this.token, "GET", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
	}

	/** A string where an array belongs is refused, never split on commas or spaces. */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "\"redirectUris\":\"https://app.example/cb,http://attacker.example/cb\"",
			"\"scopes\":\"openid,admin\"", "\"scopes\":\"openid admin\"", "\"grantTypes\":\"client_credentials\"",
			"\"scopes\":[{\"scope\":\"admin\"}]", "\"scopes\":[[\"admin\"]]", "\"operator\":\"yes\"",
			"\"requireConsent\":{}", "\"backchannelLogoutUri\":[\"https://app.example/bcl\"]",
			"\"backchannelLogoutSessionRequired\":\"yes\"" })
	void createWhenAMemberHasTheWrongJsonTypeThenProblemAndNothingStored(String member) {
		String clientId = "hostile-" + System.nanoTime();
		BackChannel.Reply refused = adminCall(this.token, "POST", "/admin/clients", web(clientId, member));
		assertProblem(refused, 400);
		assertThat(adminCall(this.token, "GET", "/admin/clients/" + clientId, null).status()).isEqualTo(404);
	}

	@Test
	void createWhenListsOverflowTheirColumnOrNameIsHugeThenProblemNot500() {
		String uris = String.join(",", Collections.nCopies(40, "\"https://app.example/callback/path\""));
		assertProblem(adminCall(this.token, "POST", "/admin/clients",
				web("hostile-long-" + System.nanoTime(), "\"redirectUris\":[" + uris + "]")), 400);
		assertProblem(adminCall(this.token, "POST", "/admin/clients", """
				{"clientId":"hostile-name","clientName":"%s","grantTypes":["client_credentials"]}"""
			.formatted("n".repeat(10_000))), 400);
		assertProblem(adminCall(this.token, "POST", "/admin/clients", """
				{"clientId":"%s","clientName":"x","grantTypes":["client_credentials"]}""".formatted("i".repeat(5000))),
				400);
	}

	@Test
	void updateWhenAMemberIsUnsafeThenProblemAndTheClientUnchanged() {
		String clientId = "hostile-update-" + System.nanoTime();
		assertThat(adminCall(this.token, "POST", "/admin/clients", web(clientId, "\"requireConsent\":true")).status())
			.isEqualTo(201);
		Map<String, Object> before = adminCall(this.token, "GET", "/admin/clients/" + clientId, null).json();

		for (String member : List.of("\"scopes\":[\"openid,admin\"]", "\"scopes\":\"openid admin\"",
				"\"redirectUris\":[\"https://app.example/cb,http://attacker.example/cb\"]", "\"operator\":true")) {
			assertProblem(adminCall(this.token, "PUT", "/admin/clients/" + clientId, web(clientId, member)), 400);
		}
		assertThat(adminCall(this.token, "GET", "/admin/clients/" + clientId, null).json()).isEqualTo(before);
	}

	/** A valid web client's registration with one member ({@code "name":value}) added or replaced. */
	private static String web(String clientId, String member) {
		Map<String, String> members = new LinkedHashMap<>();
		members.put("clientId", "\"" + clientId + "\"");
		members.put("clientName", "\"Hostile\"");
		members.put("clientType", "\"confidential\"");
		members.put("grantTypes", "[\"authorization_code\",\"refresh_token\"]");
		members.put("redirectUris", "[\"https://app.example/cb\"]");
		members.put("scopes", "[\"openid\"]");
		int colon = member.indexOf("\":");
		members.put(member.substring(1, colon), member.substring(colon + 2));
		return members.entrySet()
			.stream()
			.map(entry -> "\"" + entry.getKey() + "\":" + entry.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static void assertProblem(BackChannel.Reply reply, int status) {
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
		assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(reply.json()).containsEntry("status", status).containsKey("detail");
		assertNoInternals(reply.raw().body());
	}

}
