package dev.failsafe.idp.server.users;

/** The users' login sessions, which a security event ends (implemented by the login feature). */
public interface UserSessions {

	/** Ends every login session of {@code username}, at every node; how many there were. */
	int endAll(String username);

}
