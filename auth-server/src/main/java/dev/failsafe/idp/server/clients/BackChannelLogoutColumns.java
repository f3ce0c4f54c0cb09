package dev.failsafe.idp.server.clients;

import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps a client's back-channel logout registration ({@link BackChannelLogoutRegistration}) in the
 * columns {@code backchannel_logout_uri} and {@code backchannel_logout_session_required} of
 * {@code oauth2_registered_client} (added by {@code V4__backchannel_logout.sql}), beside the columns
 * Spring's JDBC repository writes: a save writes the row through the delegate, then those two columns,
 * in one transaction; a read adds them to the client's settings. They never reach the
 * {@code client_settings} JSON, so the registration has one place.
 */
final class BackChannelLogoutColumns implements RegisteredClientRepository {

	private static final String UPDATE = "UPDATE oauth2_registered_client SET backchannel_logout_uri = ?, "
			+ "backchannel_logout_session_required = ? WHERE id = ?";

	private static final String SELECT = "SELECT backchannel_logout_uri, backchannel_logout_session_required "
			+ "FROM oauth2_registered_client WHERE id = ?";

	private final RegisteredClientRepository delegate;

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	BackChannelLogoutColumns(RegisteredClientRepository delegate, JdbcOperations jdbc,
			TransactionOperations transactions) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public void save(RegisteredClient client) {
		Map<String, Object> settings = new HashMap<>(client.getClientSettings().getSettings());
		Object uri = settings.remove(BackChannelLogoutRegistration.URI_SETTING);
		boolean sessionRequired = Boolean.TRUE.equals(settings.remove(BackChannelLogoutRegistration.SESSION_REQUIRED_SETTING));
		RegisteredClient withoutColumns = RegisteredClient.from(client)
			.clientSettings(ClientSettings.withSettings(settings).build())
			.build();
		this.transactions.executeWithoutResult(status -> {
			this.delegate.save(withoutColumns);
			this.jdbc.update(UPDATE, new SqlParameterValue(Types.VARCHAR, (uri instanceof String value) ? value : null),
					new SqlParameterValue(Types.BOOLEAN, sessionRequired), new SqlParameterValue(Types.VARCHAR, client.getId()));
		});
	}

	@Override
	public RegisteredClient findById(String id) {
		return withColumns(this.delegate.findById(id));
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return withColumns(this.delegate.findByClientId(clientId));
	}

	private RegisteredClient withColumns(RegisteredClient client) {
		if (client == null) {
			return null;
		}
		List<Map<String, Object>> rows = this.jdbc.queryForList(SELECT, client.getId());
		if (rows.isEmpty() || !(rows.get(0).get("backchannel_logout_uri") instanceof String uri)) {
			return client;
		}
		Object sessionRequired = rows.get(0).get("backchannel_logout_session_required");
		return RegisteredClient.from(client)
			.clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
				.setting(BackChannelLogoutRegistration.URI_SETTING, uri)
				.setting(BackChannelLogoutRegistration.SESSION_REQUIRED_SETTING, Boolean.TRUE.equals(sessionRequired))
				.build())
			.build();
	}

}
