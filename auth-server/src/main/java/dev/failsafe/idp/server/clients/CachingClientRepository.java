package dev.failsafe.idp.server.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Reuses registered clients read from a delegate for {@link ClientCacheProperties#cacheTime()}.
 * Unknown ids are never cached (a flood of made-up ids cannot fill memory); a save through this
 * repository and {@link #evict} drop the client at once; past {@code maxEntries} clients the cache
 * starts over.
 */
public final class CachingClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	private final ClientCacheProperties properties;

	private final Clock clock;

	private final Map<String, Entry> byId = new ConcurrentHashMap<>();

	private final Map<String, Entry> byClientId = new ConcurrentHashMap<>();

	public CachingClientRepository(RegisteredClientRepository delegate, ClientCacheProperties properties, Clock clock) {
		this.delegate = delegate;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void save(RegisteredClient client) {
		this.delegate.save(client);
		evict(client.getClientId());
	}

	@Override
	public RegisteredClient findById(String id) {
		return cached(this.byId, id, this.delegate::findById);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return cached(this.byClientId, clientId, this.delegate::findByClientId);
	}

	/** Forgets the client with this client_id (changed or deleted). */
	public void evict(String clientId) {
		this.byClientId.remove(clientId);
		this.byId.values().removeIf(entry -> entry.client().getClientId().equals(clientId));
	}

	private RegisteredClient cached(Map<String, Entry> cache, String key, Function<String, RegisteredClient> read) {
		if (this.properties.cacheTime().isZero()) {
			return read.apply(key);
		}
		Instant now = this.clock.instant();
		Entry entry = cache.get(key);
		if (entry != null && now.isBefore(entry.expiresAt())) {
			return entry.client();
		}
		RegisteredClient client = read.apply(key);
		if (client == null) {
			cache.remove(key);
			return null;
		}
		if (cache.size() >= this.properties.maxEntries()) {
			cache.clear();
		}
		cache.put(key, new Entry(client, now.plus(this.properties.cacheTime())));
		return client;
	}

	private record Entry(RegisteredClient client, Instant expiresAt) {
	}

}
