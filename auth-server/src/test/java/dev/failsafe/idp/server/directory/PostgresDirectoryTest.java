package dev.failsafe.idp.server.directory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.server.clients.ClientSecretEncoder;
import dev.failsafe.idp.server.demo.DemoTenant;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.postgres.PostgresServer;
import dev.failsafe.idp.server.testing.RunningProvider;
import dev.failsafe.idp.server.users.UserDirectory;
import dev.failsafe.idp.server.users.UserAccount;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user and client directory on a real PostgreSQL, chosen by configuration alone
 * ({@code spring.datasource.*}): Flyway migrates it, no demo tenant is seeded, users and clients
 * round-trip with their claims and times, a stored client gets tokens over HTTP, and a restart
 * against the same database keeps everything without migrating again.
 */
class PostgresDirectoryTest {

	private static final String USERNAME = "paula";

	private static final Map<String, Object> CLAIMS = Map.of("name", "Paula Gres", "given_name", "Paula",
			"family_name", "Gres", "email", "paula@example.com", "email_verified", true, "locale", "de-DE",
			"zoneinfo", "Europe/Berlin");

	private static final String CLIENT_ID = "pg-partner";

	private static final String CLIENT_SECRET = "pg-partner-secret";

	@Test
	void startWhenPostgresDatasourceThenDirectoryMigratedUsableAndKeptAcrossRestart() throws Exception {
		RunningProvider provider = RunningProvider.create();
		BackChannel backChannel = new BackChannel(provider);
		// PostgreSQL keeps microseconds, as any client's clock reading stored there would be.
		Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		try (PostgresServer postgres = PostgresServer.start()) {
			JdbcClient database = JdbcClient.create(
					new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password()));

			List<String> migrations;
			UserAccount user;
			String clientRowId = UUID.randomUUID().toString();
			try (ConfigurableApplicationContext first = start(provider, postgres)) {
				assertThat(databaseProduct(first)).isEqualTo("PostgreSQL");
				migrations = migrations(database);
				assertThat(migrations).extracting(row -> row.split(" ")[0]).containsExactly("1", "2", "3", "4", "5");
				assertThat(first.getBeansOfType(DemoTenant.class)).as("demo tenant bean").isEmpty();
				assertThat(count(database, "users")).as("users seeded").isZero();
				assertThat(count(database, "oauth2_registered_client")).as("clients seeded").isZero();

				UserDirectory users = first.getBean(UserDirectory.class);
				Instant beforeCreate = Instant.now();
				users.create(new UserAccount(USERNAME, first.getBean(PasswordEncoder.class).encode("paula-password"),
						true, CLAIMS));
				user = users.find(USERNAME).orElseThrow();
				assertThat(user.enabled()).isTrue();
				assertThat(user.claims()).containsAllEntriesOf(CLAIMS)
					.containsEntry("phone_number_verified", false)
					.hasEntrySatisfying("updated_at", updatedAt -> assertThat((Long) updatedAt)
						.isBetween(beforeCreate.getEpochSecond() - 5, Instant.now().getEpochSecond() + 5));

				RegisteredClientRepository clients = first.getBean(RegisteredClientRepository.class);
				clients.save(RegisteredClient.withId(clientRowId)
					.clientId(CLIENT_ID)
					.clientIdIssuedAt(issuedAt)
					.clientName("Partner on PostgreSQL")
					.clientSecret(first.getBean(ClientSecretEncoder.class).encoder().encode(CLIENT_SECRET))
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
					.scope("orders.read")
					.build());
				assertThat(clients.findByClientId(CLIENT_ID).getClientIdIssuedAt()).isEqualTo(issuedAt);
				assertThat(storedIssuedAt(database)).as("as stored, read back apart from the app").isEqualTo(issuedAt);
				assertClientCredentialsToken(backChannel, provider);
			}

			try (ConfigurableApplicationContext second = start(provider, postgres)) {
				assertThat(migrations(database)).as("no migration ran again").isEqualTo(migrations);
				assertThat(count(database, "users")).isOne();
				assertThat(count(database, "oauth2_registered_client")).isOne();
				assertThat(second.getBean(UserDirectory.class).find(USERNAME)).contains(user);
				RegisteredClient client = second.getBean(RegisteredClientRepository.class).findByClientId(CLIENT_ID);
				assertThat(client.getId()).isEqualTo(clientRowId);
				assertThat(client.getClientIdIssuedAt()).isEqualTo(issuedAt);
				assertClientCredentialsToken(backChannel, provider);
			}
		}
	}

	private static ConfigurableApplicationContext start(RunningProvider provider, PostgresServer postgres) {
		return new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=" + provider.port(),
				"--idp.issuer=" + provider.issuer(), "--idp.data-dir=" + provider.dataDir(),
				"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(), "--logging.structured.format.console=");
	}

	private static void assertClientCredentialsToken(BackChannel backChannel, RunningProvider provider)
			throws Exception {
		BackChannel.Reply reply = backChannel.postBasic("/oauth2/token", CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of("orders.read")));
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		JWTClaimsSet claims = SignedJWT.parse(reply.string("access_token")).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
		assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
	}

	private static String databaseProduct(ConfigurableApplicationContext context) throws SQLException {
		try (Connection connection = context.getBean(DataSource.class).getConnection()) {
			return connection.getMetaData().getDatabaseProductName();
		}
	}

	/** Flyway's history, one "version checksum installed_on" line per applied migration. */
	private static List<String> migrations(JdbcClient database) {
		return database.sql("SELECT version, checksum, installed_on FROM flyway_schema_history"
				+ " WHERE success AND version IS NOT NULL ORDER BY installed_rank")
			.query((row, number) -> row.getString("version") + " " + row.getInt("checksum") + " "
					+ row.getTimestamp("installed_on").toInstant())
			.list();
	}

	private static int count(JdbcClient database, String table) {
		return database.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	private static Instant storedIssuedAt(JdbcClient database) {
		return database.sql("SELECT client_id_issued_at FROM oauth2_registered_client WHERE client_id = ?")
			.param(CLIENT_ID)
			.query((row, number) -> row.getObject("client_id_issued_at", OffsetDateTime.class).toInstant())
			.single();
	}

}
