package dev.failsafe.idp.server.users;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The users: their credentials for the login form ({@link UserDetailsService}) and their standard
 * claims for ID tokens and userinfo. Every feature that reads or changes users goes through this
 * contract; {@link JdbcUserDirectory} is the one implementation (H2 or PostgreSQL).
 */
public interface UserDirectory extends UserDetailsService {

	Optional<UserAccount> find(String username);

	boolean exists(String username);

	/** Up to {@code limit} users whose name sorts after {@code after} (null: from the first), by name. */
	List<UserAccount> list(String after, int limit);

	/**
	 * Adds a user; the claims may be any of the {@link StoredClaims}.
	 * @throws org.springframework.dao.DuplicateKeyException if the username is taken
	 */
	void create(UserAccount account);

	/**
	 * Sets the claims given (a null value clears one) and leaves the others.
	 * @return false if there is no such user
	 */
	boolean updateClaims(String username, Map<String, Object> claims);

	/** @return false if there is no such user */
	boolean setEnabled(String username, boolean enabled);

	/** @return false if there is no such user */
	boolean setPasswordHash(String username, String passwordHash);

	/** @return false if there was no such user */
	boolean delete(String username);

}
