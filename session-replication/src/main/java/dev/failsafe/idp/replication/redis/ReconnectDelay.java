package dev.failsafe.idp.replication.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

/**
 * How soon Lettuce tries again to reconnect a lost connection: doubling from 50 ms, at most
 * {@code idp.redis.reconnect-delay} apart. Lettuce's own backoff doubles up to 30 s, so a connection
 * that kept failing while Sentinel promoted a replica (its address still the old primary's for those
 * seconds) would next try long after the new primary took writes, and logins would stay down that
 * much longer.
 */
public final class ReconnectDelay implements ClientResourcesBuilderCustomizer {

	private static final Duration FIRST = Duration.ofMillis(50);

	private final Duration most;

	public ReconnectDelay(Duration most) {
		this.most = most;
	}

	@Override
	public void customize(ClientResources.Builder resources) {
		resources.reconnectDelay(delay());
	}

	Delay delay() {
		return Delay.exponential(FIRST, this.most, 2, TimeUnit.MILLISECONDS);
	}

}
