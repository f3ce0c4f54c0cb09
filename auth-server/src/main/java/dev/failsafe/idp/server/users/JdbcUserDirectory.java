package dev.failsafe.idp.server.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user directory in the {@code users} table (see {@code db/migration/V2__users.sql}): login
 * credentials for Spring Security and standard claims for ID tokens and userinfo. Every change sets
 * {@code updated_at}.
 */
class JdbcUserDirectory implements UserDirectory {

	private final JdbcClient jdbc;

	JdbcUserDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<UserAccount> find(String username) {
		return this.jdbc.sql("SELECT * FROM users WHERE username = ?").param(username).query(this::map).optional();
	}

	@Override
	public boolean exists(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?")
			.param(username)
			.query(Integer.class)
			.single() > 0;
	}

	@Override
	public List<UserAccount> list(String after, int limit) {
		return this.jdbc.sql("SELECT * FROM users WHERE username > ? ORDER BY username LIMIT ?")
			.params((after != null) ? after : "", limit)
			.query(this::map)
			.list();
	}

	@Override
	@Transactional
	public void create(UserAccount account) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("username", account.username());
		columns.put("password_hash", account.passwordHash());
		columns.put("enabled", account.enabled());
		columns.putAll(claimColumns(account.claims()));
		String names = String.join(", ", columns.keySet());
		String marks = String.join(", ", columns.keySet().stream().map(name -> "?").toList());
		this.jdbc.sql("INSERT INTO users (" + names + ") VALUES (" + marks + ")")
			.params(List.copyOf(columns.values()))
			.update();
	}

	@Override
	public boolean updateClaims(String username, Map<String, Object> claims) {
		Map<String, Object> columns = claimColumns(claims);
		// The boolean columns are NOT NULL: clearing one means false.
		StoredClaims.BOOLEANS.forEach(bool -> columns.replace(bool, null, false));
		return update(username, columns);
	}

	@Override
	public boolean setEnabled(String username, boolean enabled) {
		return update(username, Map.of("enabled", enabled));
	}

	@Override
	public boolean setPasswordHash(String username, String passwordHash) {
		return update(username, Map.of("password_hash", passwordHash));
	}

	@Override
	public boolean delete(String username) {
		return this.jdbc.sql("DELETE FROM users WHERE username = ?").param(username).update() > 0;
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

	/** Sets {@code columns} (names from our own constants, never from input) and {@code updated_at}. */
	private boolean update(String username, Map<String, Object> columns) {
		List<String> assignments = new ArrayList<>();
		columns.keySet().forEach(column -> assignments.add(column + " = ?"));
		assignments.add("updated_at = CURRENT_TIMESTAMP");
		List<Object> values = new ArrayList<>(columns.values());
		values.add(username);
		return this.jdbc.sql("UPDATE users SET " + String.join(", ", assignments) + " WHERE username = ?")
			.params(values)
			.update() > 0;
	}

	private static Map<String, Object> claimColumns(Map<String, Object> claims) {
		Map<String, Object> columns = new LinkedHashMap<>();
		claims.forEach((claim, value) -> {
			if (!StoredClaims.isStored(claim)) {
				throw new IllegalArgumentException("Not a stored claim: " + claim);
			}
			columns.put(claim, value);
		});
		return columns;
	}

	private UserAccount map(ResultSet row, int rowNumber) throws SQLException {
		Map<String, Object> claims = new LinkedHashMap<>();
		for (String claim : StoredClaims.STRINGS.keySet()) {
			String value = row.getString(claim);
			if (value != null) {
				claims.put(claim, value);
			}
		}
		for (String claim : StoredClaims.BOOLEANS) {
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
