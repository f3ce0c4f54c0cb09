package dev.failsafe.idp.server.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserAccounts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/users}: list, show, create, update, enable, disable, delete, set password, revoke
 * sessions (see docs/admin-api.md). Disabling, deleting, a new password and an explicit revocation
 * end the user's sessions and revoke its tokens ({@link UserAccounts}). Never returns a password or
 * its hash.
 */
@RestController
@RequestMapping("/admin/users")
final class AdminUsersController {

	private final UserAccounts users;

	AdminUsersController(UserAccounts users) {
		this.users = users;
	}

	/** A user as the API shows it: no password hash. */
	record UserView(String username, boolean enabled, Map<String, Object> claims, Instant updatedAt) {
	}

	/** One page of users by name; {@code next} is the {@code after} of the next page, null at the end. */
	record UserList(List<UserView> users, String next) {
	}

	record NewUser(String username, String password, Boolean enabled, Map<String, Object> claims) {
	}

	record ClaimsUpdate(Map<String, Object> claims) {
	}

	record NewPassword(String password) {
	}

	/** What a security event ended. */
	record Revocation(String username, int sessionsEnded, int authorizationsRevoked) {
	}

	@GetMapping
	UserList list(@RequestParam(required = false) String after,
			@RequestParam(defaultValue = "100") int limit) {
		List<UserAccount> page = this.users.list(after, limit);
		String next = (page.size() == limit) ? page.get(page.size() - 1).username() : null;
		return new UserList(page.stream().map(AdminUsersController::view).toList(), next);
	}

	@GetMapping("/{username}")
	UserView show(@PathVariable String username) {
		return this.users.find(username).map(AdminUsersController::view).orElseThrow(() -> unknown(username));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	UserView create(@RequestBody NewUser request) {
		return view(this.users.create(request.username(), request.password(), !Boolean.FALSE.equals(request.enabled()),
				(request.claims() != null) ? request.claims() : Map.of()));
	}

	@PutMapping("/{username}")
	UserView update(@PathVariable String username, @RequestBody ClaimsUpdate request) {
		return this.users.updateClaims(username, (request.claims() != null) ? request.claims() : Map.of())
			.map(AdminUsersController::view)
			.orElseThrow(() -> unknown(username));
	}

	@PostMapping("/{username}/enable")
	UserView enable(@PathVariable String username) {
		return this.users.enable(username).map(AdminUsersController::view).orElseThrow(() -> unknown(username));
	}

	@PostMapping("/{username}/disable")
	Revocation disable(@PathVariable String username) {
		return revocation(username, this.users.disable(username));
	}

	@DeleteMapping("/{username}")
	Revocation delete(@PathVariable String username) {
		return revocation(username, this.users.delete(username));
	}

	@PutMapping("/{username}/password")
	Revocation setPassword(@PathVariable String username, @RequestBody NewPassword request) {
		return revocation(username, this.users.setPassword(username, request.password()));
	}

	@PostMapping("/{username}/revoke-sessions")
	Revocation revokeSessions(@PathVariable String username) {
		return revocation(username, this.users.revokeAccess(username));
	}

	private static Revocation revocation(String username, java.util.Optional<UserAccounts.Revoked> revoked) {
		return revoked.map(done -> new Revocation(username, done.sessionsEnded(), done.authorizationsRevoked()))
			.orElseThrow(() -> unknown(username));
	}

	private static UserView view(UserAccount user) {
		Map<String, Object> claims = new LinkedHashMap<>(user.claims());
		Object updatedAt = claims.remove("updated_at");
		return new UserView(user.username(), user.enabled(), claims,
				(updatedAt instanceof Long seconds) ? Instant.ofEpochSecond(seconds) : null);
	}

	private static UnknownUserException unknown(String username) {
		return new UnknownUserException(username);
	}

	/** No user has this name. */
	static final class UnknownUserException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnknownUserException(String username) {
			super("No user named " + username + " exists.");
		}

	}

}
