package dev.failsafe.idp.replication.hazelcast;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded Hazelcast member ({@code idp.hazelcast.*}).
 *
 * <p>With no {@code members} the member runs alone and never joins anything: no multicast, no
 * TCP/IP join, no cloud discovery.
 *
 * @param clusterName name of the cluster; members with another name never join it
 * @param site the site this member runs in, published as the member attribute {@code site}
 * @param bindAddress IP address the member binds to and announces (never the wildcard)
 * @param port first port tried; the next ones are tried when it is taken
 * @param members {@code host[:port]} of the other members to join over TCP/IP; empty runs alone
 * @param failureDetectionTimeout how long a member may stay silent before the others count it gone
 * (a site cut off is then a partition, and each side carries on with the ring it has)
 * @param mergeCheckInterval how often a cluster looks for the members of its list it has lost, to
 * merge with them once they answer again (the key ring then heals by union)
 */
@Validated
@ConfigurationProperties("idp.hazelcast")
public record HazelcastMemberProperties(@NotBlank @DefaultValue("failsafe-idp") String clusterName,
		@NotBlank @DefaultValue("local") String site, @NotBlank @DefaultValue("127.0.0.1") String bindAddress,
		@Min(1) @Max(65535) @DefaultValue("5701") int port, @DefaultValue List<String> members,
		@DefaultValue("60s") Duration failureDetectionTimeout, @DefaultValue("60s") Duration mergeCheckInterval) {

	private static final Duration DEFAULT_FAILURE_DETECTION_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration DEFAULT_MERGE_CHECK_INTERVAL = Duration.ofSeconds(60);

	@ConstructorBinding
	public HazelcastMemberProperties {
		members = (members != null) ? List.copyOf(members) : List.of();
		failureDetectionTimeout = requireWholeSeconds(failureDetectionTimeout, "failure-detection-timeout");
		mergeCheckInterval = requireWholeSeconds(mergeCheckInterval, "merge-check-interval");
	}

	/** A member list without the timings, which take their defaults. */
	public HazelcastMemberProperties(String clusterName, String site, String bindAddress, int port,
			List<String> members) {
		this(clusterName, site, bindAddress, port, members, DEFAULT_FAILURE_DETECTION_TIMEOUT,
				DEFAULT_MERGE_CHECK_INTERVAL);
	}

	// Hazelcast counts these in whole seconds; a finer value would be silently truncated.
	private static Duration requireWholeSeconds(Duration value, String name) {
		if (value == null || value.toSeconds() < 1 || value.toMillisPart() != 0) {
			throw new IllegalArgumentException("idp.hazelcast." + name + " must be a whole number of seconds, at least 1s");
		}
		return value;
	}

	/** The defaults, as binding an empty environment gives them. */
	public static HazelcastMemberProperties defaults() {
		return new HazelcastMemberProperties("failsafe-idp", "local", "127.0.0.1", 5701, List.of());
	}

	/** A copy in another cluster, so test members and side-by-side nodes cannot meet by accident. */
	public HazelcastMemberProperties withClusterName(String clusterName) {
		return new HazelcastMemberProperties(clusterName, this.site, this.bindAddress, this.port, this.members,
				this.failureDetectionTimeout, this.mergeCheckInterval);
	}

}
