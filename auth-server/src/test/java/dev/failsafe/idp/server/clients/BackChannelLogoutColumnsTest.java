package dev.failsafe.idp.server.clients;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-channel logout registration's storage, as {@code V4__backchannel_logout.sql} and
 * {@link BackChannelLogoutColumns} document it: two columns of {@code oauth2_registered_client},
 * never the {@code client_settings} JSON.
 */
class BackChannelLogoutColumnsTest {

	private JdbcTemplate jdbc;

	private BackChannelLogoutColumns clients;

	@BeforeEach
	void migrate() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:bcl-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).javaMigrations(new V3__Operator_clients()).load().migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.clients = new BackChannelLogoutColumns(new JdbcRegisteredClientRepository(this.jdbc), this.jdbc,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
	}

	@Test
	void saveWhenRegisteredThenInItsColumnsNotInTheSettingsJsonAndReadBack() {
		RegisteredClient shop = client("shop", ClientSettings.builder()
			.setting(BackChannelLogoutRegistration.URI_SETTING, "https://shop.example/bcl?a=1,2")
			.setting(BackChannelLogoutRegistration.SESSION_REQUIRED_SETTING, true)
			.build());
		this.clients.save(shop);

		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM oauth2_registered_client WHERE client_id = ?",
				"shop");
		assertThat(row).containsEntry("BACKCHANNEL_LOGOUT_URI", "https://shop.example/bcl?a=1,2")
			.containsEntry("BACKCHANNEL_LOGOUT_SESSION_REQUIRED", true);
		assertThat((String) row.get("CLIENT_SETTINGS")).doesNotContain("backchannel");
		assertThat(BackChannelLogoutRegistration.of(this.clients.findByClientId("shop")))
			.contains(new BackChannelLogoutRegistration("https://shop.example/bcl?a=1,2", true));
		assertThat(BackChannelLogoutRegistration.of(this.clients.findById(shop.getId()))).isPresent();
	}

	@Test
	void saveWhenRegistrationRemovedThenColumnsClearedAndNoneReadBack() {
		RegisteredClient shop = client("shop", ClientSettings.builder()
			.setting(BackChannelLogoutRegistration.URI_SETTING, "https://shop.example/bcl")
			.build());
		this.clients.save(shop);
		this.clients.save(RegisteredClient.from(shop).clientSettings(ClientSettings.builder().build()).build());

		assertThat(this.jdbc.queryForMap("SELECT * FROM oauth2_registered_client WHERE client_id = ?", "shop"))
			.containsEntry("BACKCHANNEL_LOGOUT_URI", null)
			.containsEntry("BACKCHANNEL_LOGOUT_SESSION_REQUIRED", false);
		assertThat(BackChannelLogoutRegistration.of(this.clients.findByClientId("shop"))).isEmpty();
		assertThat(this.clients.findByClientId("nobody")).isNull();
	}

	private static RegisteredClient client(String clientId, ClientSettings settings) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://" + clientId + ".example/cb")
			.clientSettings(settings)
			.build();
	}

}
