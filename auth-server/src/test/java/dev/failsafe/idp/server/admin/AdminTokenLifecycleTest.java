package dev.failsafe.idp.server.admin;

import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin token works only while the authorization server still knows it as active: revoked,
 * its client deleted, the client's secret rotated or its operator mark taken away, the next admin
 * call is refused with 401, while a fresh token of a still-valid operator works.
 */
class AdminTokenLifecycleTest extends ProviderIntegrationTest {

	private static final String OPERATOR = """
			{"clientId":"%s","clientName":"On-call","clientType":"confidential","operator":true,
			 "grantTypes":["client_credentials"],"scopes":["admin"]}""";

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Test
	void adminTokenWhenRevokedThen401AndAFreshTokenStillWorks() {
		Operator operator = newOperator();
		String token = this.admin.adminToken(operator.id(), operator.secret());
		assertThat(keys(token)).isEqualTo(200);

		BackChannel.Reply revoked = this.backChannel.postBasic("/oauth2/revoke", operator.id(), operator.secret(),
				Map.of("token", List.of(token)));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(introspect(token)).containsEntry("active", false);
		assertThat(keys(token)).isEqualTo(401);

		assertThat(keys(this.admin.adminToken(operator.id(), operator.secret()))).isEqualTo(200);
	}

	@Test
	void adminTokenWhenClientSecretRotatedThen401AndATokenUnderTheNewSecretWorks() {
		Operator operator = newOperator();
		String token = this.admin.adminToken(operator.id(), operator.secret());
		assertThat(keys(token)).isEqualTo(200);

		BackChannel.Reply rotated = this.admin.asDemoAdmin("POST", "/admin/clients/" + operator.id() + "/secret", "");
		assertThat(rotated.status()).isEqualTo(200);
		assertThat(keys(token)).isEqualTo(401);

		assertThat(keys(this.admin.adminToken(operator.id(), rotated.string("clientSecret")))).isEqualTo(200);
	}

	@Test
	void adminTokenWhenClientDeletedThen401() {
		Operator operator = newOperator();
		String token = this.admin.adminToken(operator.id(), operator.secret());
		assertThat(keys(token)).isEqualTo(200);

		assertThat(this.admin.asDemoAdmin("DELETE", "/admin/clients/" + operator.id(), null).status()).isEqualTo(204);
		assertThat(keys(token)).isEqualTo(401);
		assertThat(this.admin.tokenRequest(operator.id(), operator.secret(), Demo.ADMIN_SCOPE).status())
			.isEqualTo(401);
	}

	@Test
	void adminTokenWhenOperatorMarkTakenAwayThen401AndNoNewAdminToken() {
		Operator operator = newOperator();
		String token = this.admin.adminToken(operator.id(), operator.secret());

		BackChannel.Reply demoted = this.admin.asDemoAdmin("PUT", "/admin/clients/" + operator.id(), """
				{"clientName":"On-call","clientType":"confidential","operator":false,
				 "grantTypes":["client_credentials"],"scopes":["orders.read"]}""");
		assertThat(demoted.status()).as(demoted.raw().body()).isEqualTo(200);
		assertThat(keys(token)).isEqualTo(401);
		assertThat(this.admin.tokenRequest(operator.id(), operator.secret(), Demo.ADMIN_SCOPE).json())
			.containsEntry("error", "invalid_scope");
	}

	private Operator newOperator() {
		String clientId = "operator-" + System.nanoTime();
		BackChannel.Reply created = this.admin.asDemoAdmin("POST", "/admin/clients", OPERATOR.formatted(clientId));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		return new Operator(clientId, created.string("clientSecret"));
	}

	private int keys(String token) {
		return this.admin.call(token, "GET", "/admin/keys", null).status();
	}

	private Map<String, Object> introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				Map.of("token", List.of(token))).json();
	}

	private record Operator(String id, String secret) {
	}

}
