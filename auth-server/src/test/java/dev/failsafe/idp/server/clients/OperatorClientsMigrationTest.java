package dev.failsafe.idp.server.clients;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.failsafe.idp.server.operators.OperatorClients;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A directory written before operator clients existed, upgraded by {@link V3__Operator_clients}: the
 * client_credentials client holding admin becomes an operator and keeps it; a code-flow client
 * holding admin loses it; other rows are left as they were.
 */
class OperatorClientsMigrationTest {

	@Test
	void migrateWhenRowsHoldAdminThenServiceClientMarkedAndUserFacingClientStripped() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).target("2").load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClientRepository before = new JdbcRegisteredClientRepository(jdbc);
		before.save(client("old-admin", AuthorizationGrantType.CLIENT_CREDENTIALS, "admin"));
		before.save(client("code-admin", AuthorizationGrantType.AUTHORIZATION_CODE, "openid", "admin", "profile"));
		before.save(client("partner", AuthorizationGrantType.CLIENT_CREDENTIALS, "orders.read"));
		Map<String, Object> partnerBefore = jdbc.queryForMap("SELECT * FROM oauth2_registered_client WHERE client_id = ?",
				"partner");

		Flyway upgrade = Flyway.configure()
			.dataSource(dataSource)
			.javaMigrations(new V3__Operator_clients())
			.target("3")
			.load();
		upgrade.migrate();

		RegisteredClientRepository after = new OperatorScopeGuard(new JdbcRegisteredClientRepository(jdbc));
		RegisteredClient operator = after.findByClientId("old-admin");
		assertThat(OperatorClients.isOperator(operator)).isTrue();
		assertThat(operator.getScopes()).containsExactly(OperatorClients.ADMIN_SCOPE);
		RegisteredClient codeFlow = after.findByClientId("code-admin");
		assertThat(OperatorClients.isOperator(codeFlow)).isFalse();
		assertThat(codeFlow.getScopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(jdbc.queryForObject("SELECT scopes FROM oauth2_registered_client WHERE client_id = ?", String.class,
				"code-admin")).doesNotContain("admin");
		assertThat(jdbc.queryForMap("SELECT * FROM oauth2_registered_client WHERE client_id = ?", "partner"))
			.isEqualTo(partnerBefore);
		assertThat(upgrade.info().current().getVersion().getVersion()).isEqualTo("3");
	}

	private static RegisteredClient client(String clientId, AuthorizationGrantType grant, String... scopes) {
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(clientId)
			.clientSecret("{noop}" + clientId + "-secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(grant)
			.scopes(set -> set.addAll(Set.of(scopes)));
		if (grant.equals(AuthorizationGrantType.AUTHORIZATION_CODE)) {
			client.redirectUri("https://app.example/cb");
		}
		return client.build();
	}

}
