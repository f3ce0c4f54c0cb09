package dev.failsafe.idp.replication.hazelcast;

import java.util.function.Supplier;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;

import dev.failsafe.idp.replication.StoreUnavailableException;

/**
 * Runs a Hazelcast operation and turns Hazelcast's failures (timeouts, members gone, split-brain
 * protection, the local member shutting down) into {@link StoreUnavailableException}, the one
 * exception callers of the stores handle as "try again".
 */
public final class HazelcastCalls {

	private HazelcastCalls() {
	}

	public static <T> T call(String operation, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (HazelcastException | HazelcastInstanceNotActiveException ex) {
			throw new StoreUnavailableException("Hazelcast could not " + operation, ex);
		}
	}

	public static void run(String operation, Runnable action) {
		call(operation, () -> {
			action.run();
			return null;
		});
	}

}
