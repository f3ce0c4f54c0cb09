package dev.failsafe.idp.server.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What operators do to users (the admin API's {@code /admin/users}): the rules a request must pass,
 * and the security events. Disabling or deleting a user, or giving it a new password, ends the
 * user's login sessions and revokes its authorizations, in that order, after the directory change
 * (so no new sign-in slips in between). If the stores cannot confirm the revocation, the call fails
 * ("try again") with the directory change made; repeating it revokes again. Deleting first disables,
 * so a failed delete leaves a disabled user to delete again, never a deleted one still signed in.
 */
public final class UserAccounts {

	/** Letters, digits and {@code . _ @ + -}, 1 to 100 (the column's size); a username is a token's {@code sub}. */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

	/** NIST SP 800-63B's minimum for a chosen password; the most a hash needs to see. */
	static final int MIN_PASSWORD = 8;

	static final int MAX_PASSWORD = 128;

	/** The most users one page of {@link #list} returns. */
	public static final int MAX_PAGE = 500;

	private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

	private final UserDirectory directory;

	private final PasswordEncoder passwords;

	private final Predicate<String> clientIdExists;

	private final UserSessions sessions;

	private final UserGrants grants;

	/**
	 * @param clientIdExists whether a registered client has this id: a username may not equal one,
	 * since both are the {@code sub} of the tokens they get
	 */
	public UserAccounts(UserDirectory directory, PasswordEncoder passwords, Predicate<String> clientIdExists,
			UserSessions sessions, UserGrants grants) {
		this.directory = directory;
		this.passwords = passwords;
		this.clientIdExists = clientIdExists;
		this.sessions = sessions;
		this.grants = grants;
	}

	/** What a security event ended. */
	public record Revoked(int sessionsEnded, int authorizationsRevoked) {
	}

	public List<UserAccount> list(String after, int limit) {
		require(limit >= 1 && limit <= MAX_PAGE, "limit must be 1 to " + MAX_PAGE);
		return this.directory.list(after, limit);
	}

	public Optional<UserAccount> find(String username) {
		return this.directory.find(username);
	}

	/** Adds an enabled (or, with {@code enabled} false, disabled) user. */
	public UserAccount create(String username, String password, boolean enabled, Map<String, Object> claims) {
		require(username != null && USERNAME.matcher(username).matches(),
				"username must be 1 to 100 letters, digits, '.', '_', '@', '+' or '-'");
		requireClaims(claims);
		String hash = hash(password);
		if (this.clientIdExists.test(username)) {
			throw new UsernameTakenException("A client with id " + username
					+ " is registered: a username may not equal a client id (both become a token's sub).");
		}
		Map<String, Object> given = new LinkedHashMap<>(claims);
		given.values().removeIf(Objects::isNull);
		try {
			this.directory.create(new UserAccount(username, hash, enabled, given));
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTakenException("A user named " + username + " already exists.");
		}
		return this.directory.find(username).orElseThrow();
	}

	/** Sets the claims given (null clears one), keeps the others. */
	public Optional<UserAccount> updateClaims(String username, Map<String, Object> claims) {
		requireClaims(claims);
		if (claims.isEmpty()) {
			return find(username);
		}
		return this.directory.updateClaims(username, claims) ? find(username) : Optional.empty();
	}

	public Optional<UserAccount> enable(String username) {
		return this.directory.setEnabled(username, true) ? find(username) : Optional.empty();
	}

	/** The user can no longer sign in, and every session and token it has stops working. */
	public Optional<Revoked> disable(String username) {
		return this.directory.setEnabled(username, false) ? Optional.of(revoke(username, "disabled"))
				: Optional.empty();
	}

	/** Gone: sessions and tokens revoked, consents forgotten, then the directory entry deleted. */
	public Optional<Revoked> delete(String username) {
		if (!this.directory.setEnabled(username, false)) {
			return Optional.empty();
		}
		Revoked revoked = revoke(username, "deleted");
		this.grants.forgetConsents(username);
		this.directory.delete(username);
		return Optional.of(revoked);
	}

	/** A new password; every session and token issued under the old one stops working. */
	public Optional<Revoked> setPassword(String username, String password) {
		String hash = hash(password);
		return this.directory.setPasswordHash(username, hash) ? Optional.of(revoke(username, "password changed"))
				: Optional.empty();
	}

	/** Signs the user out everywhere without changing the account. */
	public Optional<Revoked> revokeAccess(String username) {
		return this.directory.exists(username) ? Optional.of(revoke(username, "revoked by an operator"))
				: Optional.empty();
	}

	private Revoked revoke(String username, String reason) {
		int sessionsEnded = this.sessions.endAll(username);
		int authorizationsRevoked = this.grants.revokeAll(username);
		log.atInfo()
			.addKeyValue("user.name", username)
			.addKeyValue("user.sessions_ended", sessionsEnded)
			.addKeyValue("user.authorizations_revoked", authorizationsRevoked)
			.log("User access revoked ({}): {} sessions ended, {} authorizations revoked", reason, sessionsEnded,
					authorizationsRevoked);
		return new Revoked(sessionsEnded, authorizationsRevoked);
	}

	private String hash(String password) {
		require(password != null && password.length() >= MIN_PASSWORD && password.length() <= MAX_PASSWORD,
				"password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
		try {
			return this.passwords.encode(password);
		}
		catch (IllegalArgumentException ex) {
			// An encoder with a length limit of its own (bcrypt: 72 bytes) refuses it.
			throw new InvalidUserException("password cannot be hashed: " + ex.getMessage());
		}
	}

	private static void requireClaims(Map<String, Object> claims) {
		require(claims != null, "claims must be an object");
		claims.forEach((claim, value) -> {
			String problem = StoredClaims.problem(claim, value);
			require(problem == null, problem);
		});
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidUserException(message);
		}
	}

	/** The request breaks a rule; the message says which. */
	public static final class InvalidUserException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidUserException(String message) {
			super(message);
		}

	}

	/** The username is taken, by a user or by a client id. */
	public static final class UsernameTakenException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsernameTakenException(String message) {
			super(message);
		}

	}

}
