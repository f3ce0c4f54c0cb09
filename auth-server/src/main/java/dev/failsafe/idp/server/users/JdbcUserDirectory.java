package dev.failsafe.idp.server.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user directory in the {@code users} table (see {@code db/migration/V2__users.sql}): login
 * credentials for Spring Security and standard claims for ID tokens and userinfo.
 */
public class JdbcUserDirectory implements UserDetailsService {

	/** Claim columns, named as the claims they hold. */
	static final List<String> STRING_CLAIMS = List.of("name", "given_name", "family_name", "middle_name", "nickname",
			"preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "email",
			"phone_number");

	static final List<String> BOOLEAN_CLAIMS = List.of("email_verified", "phone_number_verified");

	private final JdbcClient jdbc;

	public JdbcUserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<UserAccount> find(String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE username = ?").param(username).query(this::map).optional();
	}

	public boolean exists(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single() > 0;
	}

	/** Adds a user; the claims may be any of the standard claim columns. */
	@Transactional
	public void create(UserAccount account) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("username", account.username());
		columns.put("password_hash", account.passwordHash());
		columns.put("enabled", account.enabled());
		account.claims().forEach((claim, value) -> {
			if (!STRING_CLAIMS.contains(claim) && !BOOLEAN_CLAIMS.contains(claim)) {
				throw new IllegalArgumentException("Not a stored claim: " + claim);
			}
			columns.put(claim, value);
		});
		String names = String.join(", ", columns.keySet());
		String marks = String.join(", ", columns.keySet().stream().map(name -> "?").toList());
		this.jdbc.sql("INSERT INTO users (" + names + ") VALUES (" + marks + ")")
			.params(List.copyOf(columns.values()))
			.update();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = find(username).orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.authorities("ROLE_USER")
			.build();
	}

	private UserAccount map(ResultSet row, int rowNumber) throws SQLException {
		Map<String, Object> claims = new LinkedHashMap<>();
		for (String claim : STRING_CLAIMS) {
			String value = row.getString(claim);
			if (value != null) {
				claims.put(claim, value);
			}
		}
		for (String claim : BOOLEAN_CLAIMS) {
			claims.put(claim, row.getBoolean(claim));
		}
		OffsetDateTime updatedAt = row.getObject("updated_at", OffsetDateTime.class);
		if (updatedAt != null) {
			claims.put("updated_at", updatedAt.toEpochSecond());
		}
		return new UserAccount(row.getString("username"), row.getString("password_hash"), row.getBoolean("enabled"),
				claims);
	}

}
