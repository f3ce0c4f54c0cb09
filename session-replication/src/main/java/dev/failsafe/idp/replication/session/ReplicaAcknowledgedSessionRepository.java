package dev.failsafe.idp.replication.session;

import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.PoolException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisConnectionUtils;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.redis.RedisCalls;
import dev.failsafe.idp.replication.redis.ReplicaAcknowledgement;

/**
 * Spring Session's {@link RedisIndexedSessionRepository} with "acknowledged means replicated" for
 * the session writes a user is told succeeded.
 *
 * <p>Saving a signed-in session (one with a principal name: the save that acknowledges a login, and
 * every later one) and deleting a session (logout) bind one connection to the thread
 * ({@link RedisConnectionUtils#bindConnection}), so every command of the repository's save runs on
 * it, then {@code WAIT} on that same connection ({@link ReplicaAcknowledgement}). Too few
 * acknowledgements or a refused write throw {@link StoreUnavailableException}; the session cookie is
 * then not sent (Spring Session sets it only after a successful save), so the browser never learns
 * the id of an unconfirmed session. Anonymous sessions (a login form's CSRF token, a saved request)
 * are saved without waiting: losing one in a failover only means submitting a form again.
 *
 * <p>Keys are those of {@link RedisIndexedSessionRepository} under the namespace
 * {@value RedisSessionAutoConfiguration#NAMESPACE}.
 */
public final class ReplicaAcknowledgedSessionRepository
		implements FindByIndexNameSessionRepository<RedisSession>, InitializingBean, DisposableBean {

	private final RedisIndexedSessionRepository delegate;

	private final RedisConnectionFactory connections;

	private final ReplicaAcknowledgement acknowledgement;

	private final PrincipalNameIndexResolver<Session> principals = new PrincipalNameIndexResolver<>();

	public ReplicaAcknowledgedSessionRepository(RedisIndexedSessionRepository delegate,
			RedisConnectionFactory connections, ReplicaAcknowledgement acknowledgement) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.connections = RedisCalls.requireDedicatedConnections(connections);
		this.acknowledgement = Objects.requireNonNull(acknowledgement, "acknowledgement");
	}

	/**
	 * Starts the delegate's once-a-minute cleanup of expired sessions: it touches each expired
	 * session's key so Redis sends the expiry event promptly and the principal index forgets it.
	 */
	@Override
	public void afterPropertiesSet() {
		this.delegate.afterPropertiesSet();
	}

	@Override
	public void destroy() {
		this.delegate.destroy();
	}

	/** The repository this one decorates (it also listens to session events). */
	public RedisIndexedSessionRepository delegate() {
		return this.delegate;
	}

	@Override
	public RedisSession createSession() {
		return this.delegate.createSession();
	}

	@Override
	public void save(RedisSession session) {
		if (this.principals.resolveIndexValueFor(session) == null) {
			translated("save a session", () -> this.delegate.save(session));
			return;
		}
		acknowledged("save a signed-in session", () -> this.delegate.save(session));
	}

	@Override
	public RedisSession findById(String id) {
		return read("read a session", () -> this.delegate.findById(id));
	}

	@Override
	public void deleteById(String id) {
		acknowledged("delete a session", () -> this.delegate.deleteById(id));
	}

	@Override
	public Map<String, RedisSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return read("find a user's sessions", () -> this.delegate.findByIndexNameAndIndexValue(indexName, indexValue));
	}

	private void acknowledged(String operation, Runnable write) {
		translated(operation, () -> {
			RedisConnectionUtils.bindConnection(this.connections);
			try {
				write.run();
				RedisConnection connection = RedisConnectionUtils.getConnection(this.connections);
				try {
					this.acknowledgement.await(connection, operation);
				}
				finally {
					RedisConnectionUtils.releaseConnection(connection, this.connections);
				}
			}
			finally {
				RedisConnectionUtils.unbindConnection(this.connections);
			}
		});
	}

	/** A refused write (say {@code NOREPLICAS}) or a lost connection is "try again" like any store failure. */
	private static void translated(String operation, Runnable write) {
		read(operation, () -> {
			write.run();
			return null;
		});
	}

	/** A read that Redis cannot answer is "try again" too, never an error page with a 500. */
	private static <T> T read(String operation, java.util.function.Supplier<T> read) {
		try {
			return read.get();
		}
		catch (DataAccessException | PoolException | io.lettuce.core.RedisException ex) {
			throw new StoreUnavailableException("Redis could not " + operation, ex);
		}
	}

}
