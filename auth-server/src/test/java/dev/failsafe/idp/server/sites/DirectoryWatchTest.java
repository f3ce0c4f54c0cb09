package dev.failsafe.idp.server.sites;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import dev.failsafe.idp.server.stores.SilentMemberEviction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background check against real data sources: the embedded H2, and PostgreSQL's driver talking
 * to a listener that accepts connections and never answers (a member gone silent).
 */
class DirectoryWatchTest {

	private static final DirectoryCheckProperties SETTINGS = new DirectoryCheckProperties(Duration.ofMillis(500),
			Duration.ofMillis(300), Duration.ofSeconds(3));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void checkWhenEmbeddedDirectoryThenReadyAndWritable() {
		try (HikariDataSource h2 = pool("jdbc:h2:mem:watch-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
			DirectoryWatch watch = watch(h2);
			watch.check();
			assertThat(watch.state().health(Clock.systemUTC().instant(), SETTINGS.maxAge()).getDetails())
				.containsEntry("directory", "embedded")
				.containsEntry("writable", true);
			assertThat(this.meters.counter("idp.directory.checks", "outcome", "read").count()).isEqualTo(1);
		}
	}

	@Test
	void checkWhenMemberSilentThenFailsWithinItsTimeoutAndEmptiesThePoolOnce() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				HikariDataSource postgres = pool("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
						+ "/idp?connectTimeout=1&socketTimeout=10")) {
			DirectoryWatch watch = watch(postgres);
			long started = System.nanoTime();
			watch.check();
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).as("one check, although the driver would wait 10 s").isLessThan(Duration.ofSeconds(2));
			assertThat(watch.state().failing()).isTrue();
			assertThat(watch.state().health(Clock.systemUTC().instant(), SETTINGS.maxAge()).getStatus())
				.isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(this.meters.counter("idp.directory.checks", "outcome", "timeout").count()).isEqualTo(1);
			assertThat(this.meters.counter("idp.directory.pool_evictions").count()).isEqualTo(1);

			watch.check(); // the first still hangs: no second check piles up, nothing more recorded
			assertThat(this.meters.counter("idp.directory.checks", "outcome", "timeout").count()).isEqualTo(1);
		}
	}

	private DirectoryWatch watch(HikariDataSource directory) {
		return new DirectoryWatch(new DirectoryRead(directory, SETTINGS.timeout()), new SilentMemberEviction(directory),
				SETTINGS, Clock.systemUTC(), this.meters);
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("idp");
		pool.setPassword("idp");
		pool.setConnectionTimeout(3000);
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

}
