package dev.failsafe.idp.server.clients;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.failsafe.idp.server.operators.OperatorClients;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upgrades a directory written before operator clients existed ({@link OperatorClients}). Every
 * row of {@code oauth2_registered_client} whose {@code scopes} column holds {@code admin}:
 * <ul>
 * <li>a confidential client whose only grant is client_credentials (the demo tenant's
 * {@code demo-admin}, an operator's own) gets the operator mark in {@code client_settings}, and
 * keeps its admin power;</li>
 * <li>any other client (one a user signs in through) loses the admin scope, logged with its
 * client id: that combination is what made a signed-in user an administrator.</li>
 * </ul>
 * Plain JDBC, so it runs on H2 and PostgreSQL alike; a Spring bean, which Spring Boot hands to
 * Flyway.
 */
public final class V3__Operator_clients extends BaseJavaMigration {

	private static final Logger log = LoggerFactory.getLogger(V3__Operator_clients.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, client_id, "
				+ "client_authentication_methods, authorization_grant_types, scopes, client_settings "
				+ "FROM oauth2_registered_client");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				rows.add(new Row(result.getString(1), result.getString(2), values(result.getString(3)),
						values(result.getString(4)), values(result.getString(5)), result.getString(6)));
			}
		}
		for (Row row : rows) {
			if (!row.scopes().contains(OperatorClients.ADMIN_SCOPE)) {
				continue;
			}
			if (row.grantTypes().equals(List.of("client_credentials")) && !row.methods().contains("none")) {
				ObjectNode settings = (ObjectNode) JSON.readTree(row.clientSettings());
				settings.put(OperatorClients.SETTING, true);
				update(connection, "UPDATE oauth2_registered_client SET client_settings = ? WHERE id = ?",
						JSON.writeValueAsString(settings), row.id());
				log.info("Marked client {} as an operator: it keeps the admin scope", row.clientId());
			}
			else {
				List<String> scopes = row.scopes().stream().filter(scope -> !scope.equals(OperatorClients.ADMIN_SCOPE)).toList();
				update(connection, "UPDATE oauth2_registered_client SET scopes = ? WHERE id = ?",
						String.join(",", scopes), row.id());
				log.warn("Took the admin scope away from client {}: only an operator (confidential, "
						+ "client_credentials only) may hold it", row.clientId());
			}
		}
	}

	private static void update(Connection connection, String sql, String value, String id) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(sql)) {
			update.setString(1, value);
			update.setString(2, id);
			update.executeUpdate();
		}
	}

	/** A comma-separated column as Spring's JDBC repository writes it. */
	private static List<String> values(String column) {
		return (column == null || column.isBlank()) ? List.of()
				: Arrays.stream(column.split(",")).map(String::strip).filter(value -> !value.isEmpty()).distinct().toList();
	}

	private record Row(String id, String clientId, List<String> methods, List<String> grantTypes, List<String> scopes,
			String clientSettings) {
	}

}
