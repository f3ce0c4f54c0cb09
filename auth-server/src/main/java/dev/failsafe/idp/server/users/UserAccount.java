package dev.failsafe.idp.server.users;

import java.util.Map;
import java.util.Objects;

/**
 * A user of the directory: credentials plus the OpenID Connect standard claims they hold.
 *
 * @param username the login name, also the {@code sub} claim
 * @param passwordHash the delegating encoder's hash ({@code {argon2}$argon2id$...}; {@code {bcrypt}...} from earlier versions)
 * @param enabled whether the account may log in
 * @param claims standard claims by name (OIDC Core 5.1), only those that are set
 */
public record UserAccount(String username, String passwordHash, boolean enabled, Map<String, Object> claims) {

	public UserAccount {
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(passwordHash, "passwordHash");
		claims = Map.copyOf(claims);
	}

	@Override
	public String toString() {
		return "UserAccount[username=" + this.username + ", enabled=" + this.enabled + "]";
	}

}
