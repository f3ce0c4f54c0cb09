package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.LoggedProcess;
import dev.failsafe.idp.testing.RequiredComponent;
import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;

/**
 * HAProxy on the host, standing for the global load balancer in front of both sites: round robin,
 * each site checked every 500 ms on its readiness probe (1 s to answer), drained after two failed
 * checks and back after one good one; a request to a site that fails to connect is sent to the other.
 */
final class Balancer {

	private Balancer() {
	}

	/**
	 * Starts HAProxy on {@code port} of 127.0.0.1 in front of {@code sites} ({@code host:port} each);
	 * its configuration and log go to {@code runDir}.
	 */
	static LoggedProcess start(Path runDir, int port, List<String> sites) throws IOException {
		Path haproxy = RequiredComponent.executable("HAPROXY", "/usr/sbin/haproxy", "haproxy");
		Path config = runDir.resolve("haproxy.cfg");
		StringBuilder servers = new StringBuilder();
		for (int i = 0; i < sites.size(); i++) {
			servers.append("  server ").append(Places.NAMES.get(i)).append(' ').append(sites.get(i)).append(" check\n");
		}
		Files.writeString(config, """
				global
				  maxconn 1024
				defaults
				  mode http
				  timeout connect 1s
				  timeout client 15s
				  timeout server 15s
				  timeout check 1s
				  retries 1
				  option redispatch
				frontend issuer
				  bind 127.0.0.1:%d
				  default_backend sites
				backend sites
				  balance roundrobin
				  option httpchk GET /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 500ms fall 2 rise 1
				""".formatted(port) + servers);
		return LoggedProcess.start("haproxy", List.of(haproxy.toString(), "-db", "-f", config.toString()), Map.of(),
				runDir.resolve("haproxy.log"));
	}

	/** Waits until {@code balancer} answers ready at {@code base}; fails at once, with its log, if it exits. */
	static void awaitReady(LoggedProcess balancer, String base, Duration timeout) {
		BackChannel probe = new BackChannel(Provider.at(base));
		Wait.until("haproxy ready", timeout, Duration.ofMillis(250), () -> {
			if (!balancer.isAlive()) {
				throw new IllegalStateException("haproxy exited: " + balancer.logTail(25));
			}
			try {
				return probe.status("/actuator/health/readiness") == 200;
			}
			catch (UncheckedIOException notYet) {
				return false;
			}
		}, () -> balancer.logTail(25));
	}

}
