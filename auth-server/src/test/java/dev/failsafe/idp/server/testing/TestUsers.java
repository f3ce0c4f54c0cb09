package dev.failsafe.idp.server.testing;

import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserDirectory;

/** Users the tests make in the directory, each new, so what a test does to one disturbs no other. */
public final class TestUsers {

	/** The password of every user made here. */
	public static final String PASSWORD = "correct horse battery staple";

	private TestUsers() {
	}

	/** A new enabled user without claims, named {@code prefix} and a random suffix, with {@link #PASSWORD}. */
	public static String create(UserDirectory users, PasswordEncoder passwords, String prefix) {
		String username = prefix + UUID.randomUUID();
		users.create(new UserAccount(username, passwords.encode(PASSWORD), true, Map.of()));
		return username;
	}

}
