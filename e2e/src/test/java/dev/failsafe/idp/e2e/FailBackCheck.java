package dev.failsafe.idp.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.postgres.PatroniCluster;

/** What the drill's fail-back step shows about a killed place once it is back. */
final class FailBackCheck {

	private FailBackCheck() {
	}

	/**
	 * The fail-back step's proof that the killed place rejoined as a replica with nothing lost: its
	 * Redis node is a replica in sync holding every acknowledged session, its PostgreSQL member a
	 * streaming standby holding every acknowledged client.
	 */
	static Map<String, Object> rejoined(Places places, int place, Acknowledged acknowledged, List<String> clients)
			throws SQLException {
		String name = Places.NAMES.get(place);
		Map<String, Object> rejoined = new LinkedHashMap<>();
		rejoined.put("place", name);
		rejoined.put("redisRole", places.redis().roles().get(place));
		List<String> sessionIds = acknowledged.sessionIds();
		long sessionsHeld = sessionIds.stream()
			.filter(id -> Long.valueOf(1).equals(places.redis().node(place).call("EXISTS", "idp:session:sessions:" + id)))
			.count();
		rejoined.put("sessionsHeld", List.of(sessionsHeld, sessionIds.size()));
		rejoined.put("directoryRole", places.directory().members().get(name).role());
		rejoined.put("clientsHeld", List.of(clientsAt(places, name, clients), (long) clients.size()));
		return rejoined;
	}

	/** How many of the acknowledged {@code clients} place {@code name}'s own PostgreSQL member holds. */
	private static long clientsAt(Places places, String name, List<String> clients) throws SQLException {
		try (Connection connection = DriverManager.getConnection(places.directory().jdbcUrl(name),
				PatroniCluster.USERNAME, places.directory().password());
				PreparedStatement sql = connection.prepareStatement(
						"SELECT count(*) FROM oauth2_registered_client WHERE client_id = ANY (?)")) {
			sql.setArray(1, connection.createArrayOf("varchar", clients.toArray()));
			try (ResultSet result = sql.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
	}

}
