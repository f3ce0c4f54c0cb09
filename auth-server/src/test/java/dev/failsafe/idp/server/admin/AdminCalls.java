package dev.failsafe.idp.server.admin;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.RunningProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin API calls over a back channel: tokens by client_credentials, JSON calls with a bearer. */
public final class AdminCalls {

	private final RunningProvider provider;

	private final BackChannel backChannel;

	public AdminCalls(RunningProvider provider, BackChannel backChannel) {
		this.provider = provider;
		this.backChannel = backChannel;
	}

	/** The token endpoint's answer to a client_credentials request for {@code scope}. */
	BackChannel.Reply tokenRequest(String clientId, String secret, String scope) {
		return this.backChannel.postBasic("/oauth2/token", clientId, secret,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of(scope)));
	}

	/** An access token with the admin scope for this client, which must get one. */
	String adminToken(String clientId, String secret) {
		BackChannel.Reply reply = tokenRequest(clientId, secret, Demo.ADMIN_SCOPE);
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		return reply.string("access_token");
	}

	/** A call as the demo tenant's operator client, with a fresh token. */
	public BackChannel.Reply asDemoAdmin(String method, String path, String json) {
		return call(adminToken(Demo.ADMIN, Demo.ADMIN_SECRET), method, path, json);
	}

	BackChannel.Reply call(String token, String method, String path, String json) {
		return this.backChannel.send(HttpRequest.newBuilder(this.provider.uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** An RFC 9457 problem with this status. */
	static void assertProblem(BackChannel.Reply reply, int status) {
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
		assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(reply.json()).containsEntry("status", status).containsKey("detail");
	}

	/** A refused registration: 400, naming the member at fault. */
	static void assertRefused(BackChannel.Reply reply, String field) {
		assertProblem(reply, 400);
		assertThat(reply.json()).containsEntry("field", field);
	}

}
