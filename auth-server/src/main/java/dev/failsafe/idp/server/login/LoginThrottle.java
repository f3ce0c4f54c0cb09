package dev.failsafe.idp.server.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import dev.failsafe.idp.replication.throttling.Admission;
import dev.failsafe.idp.replication.throttling.LoginAttemptStore;

/**
 * Decides whether a login attempt may have its password checked, by the policy of
 * {@link LoginProperties}, over a {@link LoginAttemptStore}: Redis when configured (one budget for
 * every node and site), else this node's memory.
 *
 * <p>Who counts as the same: an account is its username without case; an address is the client's
 * IPv4 address, or its IPv6 /64 network (one subscriber's share, which an attacker could otherwise
 * walk through one address at a time). Both reach the store as SHA-256 hashes, so neither usernames
 * nor addresses are stored in clear.
 */
public final class LoginThrottle {

	private final LoginAttemptStore store;

	private final LoginProperties properties;

	private final Clock clock;

	public LoginThrottle(LoginAttemptStore store, LoginProperties properties, Clock clock) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** One attempt: admitted and counted, or told to wait. */
	public final class Attempt {

		private final String account;

		private final String address;

		private final Admission admission;

		private Attempt(String account, String address, Admission admission) {
			this.account = account;
			this.address = address;
			this.admission = admission;
		}

		public boolean admitted() {
			return this.admission.isAdmitted();
		}

		public Duration retryAfter() {
			return this.admission.retryAfter();
		}

		/** The password was wrong (or the account refused): the attempt counts as a failure. */
		public void failed() {
			LoginThrottle.this.store.failed(this.account, this.address, this.admission.attemptId(),
					LoginThrottle.this.properties.limits(), LoginThrottle.this.clock.instant());
		}

		/** The password was right: the attempt is not a failure, and the pair starts over. */
		public void succeeded() {
			LoginThrottle.this.store.succeeded(this.account, this.address, this.admission.attemptId());
		}

		/** The password could not be checked: the attempt counts for nothing. */
		public void withdraw() {
			LoginThrottle.this.store.withdraw(this.account, this.address, this.admission.attemptId());
		}

	}

	/**
	 * Admits and counts an attempt of {@code username} from {@code address}, or says how long to wait.
	 * @throws dev.failsafe.idp.replication.StoreUnavailableException if the counters cannot be read or
	 * written: the caller refuses the login
	 */
	public Attempt admit(String username, String address) {
		String account = hash("account", (username != null) ? username.toLowerCase(Locale.ROOT) : "");
		String network = hash("address", network(address));
		return new Attempt(account, network,
				this.store.admit(account, network, this.properties.limits(), this.clock.instant()));
	}

	/** The address as counted: IPv4 as it is, IPv6 by its /64 network. */
	static String network(String address) {
		if (address == null || address.isBlank()) {
			return "unknown";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// An IPv6 literal (as the servlet container gives it): parsed, never looked up.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			return (bytes.length == 16) ? HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "::/64"
					: InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	private static String hash(String kind, String value) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] digest = sha256.digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by the Java platform", ex);
		}
	}

}
