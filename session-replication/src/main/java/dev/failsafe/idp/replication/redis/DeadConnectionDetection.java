package dev.failsafe.idp.replication.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions.TcpUserTimeoutOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;

/**
 * Closes a Redis connection whose other end stopped answering, so Lettuce reconnects (through the
 * sentinels, to the current primary) instead of holding every request on a node behind a cut link.
 * A cut drops packets silently: without this, a connection with a command in flight waits for the
 * kernel's retransmissions (about fifteen minutes), and every pooled connection to the old primary
 * times each command out in turn while the promoted primary is a reachable connection away.
 *
 * <p>Two socket settings, both bounded by {@code idp.redis.dead-connection-timeout}: TCP
 * {@code TCP_USER_TIMEOUT} (data sent and not acknowledged for that long closes the connection; Linux's
 * epoll transport, which this module ships for linux-x86_64, else Lettuce skips it) and TCP keep-alive
 * probes on an idle connection (first after half the timeout, then every second). The connect
 * timeout stays {@code spring.data.redis.connect-timeout}.
 *
 * @param timeout how long a connection may go unanswered (at least 2 s)
 * @param connectTimeout how long a connection attempt may take, or null for Lettuce's default
 */
public record DeadConnectionDetection(Duration timeout,
		Duration connectTimeout) implements LettuceClientOptionsBuilderCustomizer {

	private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

	@Override
	public void customize(ClientOptions.Builder options) {
		options.socketOptions(socketOptions());
	}

	SocketOptions socketOptions() {
		Duration idle = Duration.ofSeconds(Math.max(1, this.timeout.toSeconds() / 2));
		int probes = (int) Math.max(1, this.timeout.minus(idle).toSeconds() / PROBE_INTERVAL.toSeconds());
		SocketOptions.Builder socket = SocketOptions.builder()
			.keepAlive(KeepAliveOptions.builder().enable().idle(idle).interval(PROBE_INTERVAL).count(probes).build())
			.tcpUserTimeout(TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(this.timeout).build());
		if (this.connectTimeout != null) {
			socket.connectTimeout(this.connectTimeout);
		}
		return socket.build();
	}

}
