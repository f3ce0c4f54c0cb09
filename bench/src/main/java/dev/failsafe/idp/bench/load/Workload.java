package dev.failsafe.idp.bench.load;

/**
 * One kind of request sent to the provider in a loop. Each concurrent client gets its own
 * {@link Client} (its own refresh token, say), prepared before the clock starts.
 */
@FunctionalInterface
public interface Workload {

	/** Prepares one client's state (not measured). */
	Client newClient() throws Exception;

	/** One client's operation. */
	@FunctionalInterface
	interface Client {

		/** Sends one operation and checks its answer; throws when it failed. */
		void send() throws Exception;

	}

}
