package dev.failsafe.idp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.TestKek;
import dev.failsafe.idp.testing.network.Site;
import dev.failsafe.idp.testing.postgres.PatroniCluster;
import dev.failsafe.idp.testing.provider.ProviderProcess;

/**
 * How the drill launches its Java processes from the built jars: a site's provider in its place (a
 * Hazelcast member of its site, on the three places' Redis through Sentinel and the directory through
 * Patroni, one issuer: the load balancer; site A seeds the demo tenant), and partner-api on the host.
 * Every provider shares one KEK and trusts the drill's relying party's certificate (and nothing else:
 * {@code trustStoreFlags}).
 */
final class ProviderLaunch {

	static final Duration START = Duration.ofSeconds(240);

	/** A heap and a compiler fit for a machine running a whole drill (after the provider's own flags). */
	private static final List<String> JVM_FLAGS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

	/**
	 * Back-channel logout bounded as in BackChannelLogoutFailoverIT: 1 s to connect, 2 s for the answer,
	 * so a delivery a killed site held is taken over after a lease of 6 s (30 s by default).
	 */
	private static final List<String> BACKCHANNEL = List.of("--idp.backchannel-logout.connect-timeout=1s",
			"--idp.backchannel-logout.request-timeout=2s", "--idp.backchannel-logout.lease=6s");

	private final Path runDir;

	private final Path providerJar;

	private final List<String> trustStoreFlags;

	private final String kek = TestKek.random();

	ProviderLaunch(Path runDir, Path providerJar, List<String> trustStoreFlags) {
		this.runDir = runDir;
		this.providerJar = providerJar;
		this.trustStoreFlags = List.copyOf(trustStoreFlags);
	}

	/** Site {@code site}'s provider on its data directory, to start. */
	ProviderProcess provider(Places places, int site) throws IOException {
		Site place = places.place(site);
		String name = Places.NAMES.get(site);
		PatroniCluster directory = places.directory();
		Path dataDir = Files.createDirectories(this.runDir.resolve("provider-" + name));
		String members = places.place(Places.A).address() + ":" + Places.MEMBER_PORT + ","
				+ places.place(Places.B).address() + ":" + Places.MEMBER_PORT;
		List<String> arguments = new ArrayList<>(List.of("--idp.data-dir=" + dataDir, "--idp.issuer=" + places.issuer(),
				"--idp.hazelcast.site=" + name, "--idp.hazelcast.cluster-name=drill",
				"--idp.hazelcast.bind-address=" + place.address(), "--idp.hazelcast.port=" + Places.MEMBER_PORT,
				"--idp.hazelcast.members=" + members, "--idp.hazelcast.failure-detection-timeout=6s",
				"--idp.hazelcast.merge-check-interval=5s", "--idp.keyring.repair-interval=2s",
				"--spring.data.redis.sentinel.master=" + RedisPlaces.MASTER,
				"--spring.data.redis.sentinel.nodes=" + places.redis().sentinelNodes(site),
				"--spring.data.redis.timeout=2s", "--idp.redis.replicas-to-ack=1", "--idp.redis.ack-timeout=1s",
				"--spring.datasource.url=" + directory.jdbcUrl(name, "preferPrimary"),
				"--spring.flyway.url=" + directory.jdbcUrl(name, "primary"),
				"--spring.datasource.username=" + PatroniCluster.USERNAME,
				"--spring.datasource.password=" + directory.password(),
				"--spring.flyway.user=" + PatroniCluster.USERNAME, "--spring.flyway.password=" + directory.password(),
				"--logging.level.root=WARN"));
		arguments.addAll(BACKCHANNEL);
		// Site A seeds the demo tenant (the drill's clients and users); site B finds it there.
		arguments.add((site == Places.A) ? "--idp.demo.seed-external-database=true" : "--idp.demo.enabled=false");
		List<String> jvmFlags = new ArrayList<>(JVM_FLAGS);
		jvmFlags.addAll(this.trustStoreFlags);
		return ProviderProcess
			.bootJar("provider-" + name, this.providerJar, Places.PROVIDER_PORT, dataDir, arguments,
					Map.of("IDP_KEK", this.kek))
			.placedAt(place.launcher(), place.address())
			.withJvmFlags(jvmFlags)
			.withLog(this.runDir.resolve("provider-" + name + ".log"));
	}

	/** partner-api on the host ({@code port}), verifying the issuer's tokens, to start. */
	ProviderProcess partner(Path jar, int port, String issuer) throws IOException {
		Path dir = Files.createDirectories(this.runDir.resolve("partner-api"));
		return ProviderProcess
			.bootJar("partner-api", jar, port, dir,
					List.of("--partner-api.tokens.issuer=" + issuer, "--partner-api.tokens.jwks-uri=" + issuer + "/oauth2/jwks",
							"--partner-api.tokens.last-good-file=" + dir.resolve("jwks-last-good.json"),
							"--logging.level.root=WARN"),
					Map.of())
			.withJvmFlags(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
			.withLog(this.runDir.resolve("partner-api.log"));
	}

	/** {@code jar}, which the build made; fails when it is missing. */
	static Path builtJar(Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first (./mvnw -pl e2e -am package)");
		}
		return jar;
	}

	/** {@code path} under the build's root ({@code idp.e2e.root}). */
	static Path inBuild(String path) {
		return Path.of(System.getProperty("idp.e2e.root", ".."), path).toAbsolutePath().normalize();
	}

}
