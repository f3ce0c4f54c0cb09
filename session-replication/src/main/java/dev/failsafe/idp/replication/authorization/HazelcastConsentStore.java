package dev.failsafe.idp.replication.authorization;

import java.util.Optional;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import dev.failsafe.idp.replication.hazelcast.HazelcastCalls;

/**
 * {@link ConsentStore} on one Hazelcast map.
 *
 * <p>Storage layout (asserted by a test): {@value #CONSENTS_MAP} is an
 * {@code IMap<ConsentKey, ConsentRecord>} keyed by the pair (client id, principal name), without
 * expiry; {@link #removeAll} is a query on the key's {@code principalName}. Hazelcast failures surface as {@link dev.failsafe.idp.replication.StoreUnavailableException}.
 */
public final class HazelcastConsentStore implements ConsentStore {

	/** (client id, principal name) to {@link ConsentRecord}. */
	public static final String CONSENTS_MAP = "idp.consents";

	private final IMap<ConsentKey, ConsentRecord> consents;

	public HazelcastConsentStore(HazelcastInstance hazelcast) {
		this.consents = hazelcast.getMap(CONSENTS_MAP);
	}

	@Override
	public Optional<ConsentRecord> find(String registeredClientId, String principalName) {
		ConsentKey key = new ConsentKey(registeredClientId, principalName);
		return Optional.ofNullable(HazelcastCalls.call("read consent", () -> this.consents.get(key)));
	}

	@Override
	public void save(ConsentRecord consent) {
		HazelcastCalls.run("store consent", () -> this.consents.set(ConsentKey.of(consent), consent));
	}

	@Override
	public void remove(String registeredClientId, String principalName) {
		ConsentKey key = new ConsentKey(registeredClientId, principalName);
		HazelcastCalls.run("remove consent", () -> this.consents.delete(key));
	}

	@Override
	public void removeAll(String principalName) {
		HazelcastCalls.run("remove a user's consents",
				() -> this.consents.removeAll(Predicates.equal("__key.principalName", principalName)));
	}

}
