package dev.failsafe.idp.server.sessions;

/**
 * Activity in a user's sign-in session that does not come from the browser: a relying party
 * refreshed tokens issued in it. The session counts as used, so it does not expire (and end, with
 * every relying party told, {@code spring.session.timeout} after the browser's last request) while a
 * relying party is using what it issued (implemented by the login feature).
 */
@FunctionalInterface
public interface SessionActivity {

	/** Nothing to keep alive. */
	SessionActivity NONE = (username, sid) -> {
	};

	/** A relying party refreshed tokens issued in {@code username}'s session {@code sid}. */
	void refreshed(String username, String sid);

}
