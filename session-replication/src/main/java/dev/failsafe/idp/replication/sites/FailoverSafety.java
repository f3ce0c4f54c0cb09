package dev.failsafe.idp.replication.sites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The rule that makes a Sentinel promotion keep every write a {@code WAIT} confirmed, and keeps a
 * writable primary after the loss of any one place (docs/availability.md): one Redis node per place,
 * the primary's replicas all direct and promotable with one priority (Sentinel then promotes the one
 * furthest ahead, which holds every confirmed write), at least two of them so a promotion or a lost
 * place still leaves a replica to acknowledge, every write waiting for one
 * ({@code idp.redis.replicas-to-ack}), a primary without a replica refusing writes
 * ({@code min-replicas-to-write}), one sentinel per place with a majority quorum, and
 * {@code down-after-milliseconds} long enough that the offsets compared were read after the loss.
 *
 * <p>A pure judgement of what was observed (time and Redis stay outside); each broken rule is one
 * problem, a sentence saying what could go wrong.
 */
public final class FailoverSafety {

	/** Sentinel must compare offsets read after the primary's stream stopped: see docs/availability.md. */
	public static final Duration LEAST_DOWN_AFTER = Duration.ofMillis(2000);

	private FailoverSafety() {
	}

	/**
	 * A direct replica of the primary, as Sentinel sees it.
	 * @param address {@code host:port}
	 * @param priority its {@code replica-priority} (0: never promoted)
	 * @param inSync whether it is up and its replication link is (a replica Sentinel could promote now)
	 */
	public record Replica(String address, int priority, boolean inSync) {

		public Replica {
			Objects.requireNonNull(address, "address");
		}

	}

	/**
	 * The sentinels watching the primary.
	 * @param count how many there are (the one asked plus the others it knows)
	 * @param quorum how many must agree the primary is down
	 * @param downAfter how long the primary must not answer before a sentinel deems it down
	 */
	public record Sentinels(int count, int quorum, Duration downAfter) {

		public Sentinels {
			Objects.requireNonNull(downAfter, "downAfter");
		}

	}

	/**
	 * @param promotable the replicas Sentinel could promote now (in sync, priority above 0)
	 * @param waitedFor how many replicas every acknowledged write waits for
	 * @param problems each broken rule, empty when a promotion keeps every acknowledged write and the
	 * loss of any one place leaves a writable primary
	 */
	public record Verdict(List<String> promotable, int waitedFor, List<String> problems) {

		public Verdict {
			promotable = List.copyOf(promotable);
			problems = List.copyOf(problems);
		}

		public boolean safe() {
			return this.problems.isEmpty();
		}

	}

	/**
	 * @param replicasToAck replicas every acknowledged write waits for ({@code idp.redis.replicas-to-ack})
	 * @param minReplicasToWrite the primary's {@code min-replicas-to-write}, null when it could not be read
	 * @param replicas the primary's direct replicas
	 * @param sentinels the sentinels watching it
	 */
	public static Verdict judge(int replicasToAck, Integer minReplicasToWrite, List<Replica> replicas,
			Sentinels sentinels) {
		List<String> problems = new ArrayList<>();
		List<String> promotable = replicas.stream()
			.filter(replica -> replica.priority() > 0 && replica.inSync())
			.map(Replica::address)
			.toList();
		if (replicasToAck < 1) {
			problems.add("idp.redis.replicas-to-ack is 0: a write is acknowledged before any replica has it, "
					+ "and a promotion loses it");
		}
		if (minReplicasToWrite != null && minReplicasToWrite < 1) {
			problems.add("the primary's min-replicas-to-write is 0: cut off from its replicas it keeps taking "
					+ "writes, which the promotion on the other side discards");
		}
		for (Replica replica : replicas) {
			if (replica.priority() <= 0) {
				problems.add("replica " + replica.address() + " has replica-priority 0: it can answer a WAIT, "
						+ "but Sentinel never promotes it, so a promotion may lose writes only it had");
			}
		}
		TreeSet<Integer> priorities = new TreeSet<>(
				replicas.stream().map(Replica::priority).filter(priority -> priority > 0).toList());
		if (priorities.size() > 1) {
			problems.add("the replicas have different replica-priority " + priorities
					+ ": Sentinel promotes by priority before replication offset, so it may promote one that is behind");
		}
		if (promotable.size() < 2) {
			problems.add(promotable.size() + " promotable replica(s) in sync: losing its place, or promoting it, "
					+ "leaves no replica to acknowledge writes (one per other place is needed)");
		}
		else if (replicasToAck > promotable.size() - 1) {
			problems.add("idp.redis.replicas-to-ack is " + replicasToAck + " with " + promotable.size()
					+ " promotable replicas: losing one place stops every write");
		}
		if (sentinels.count() < 3) {
			problems.add(sentinels.count() + " sentinel(s): one per place, in three places, is needed for a "
					+ "majority to survive the loss of any one place");
		}
		if (sentinels.quorum() * 2 <= sentinels.count()) {
			problems.add("quorum " + sentinels.quorum() + " of " + sentinels.count()
					+ " sentinels is not a majority: the two sides of a cut could both fail over");
		}
		if (sentinels.downAfter().compareTo(LEAST_DOWN_AFTER) <= 0) {
			problems.add("down-after-milliseconds is " + sentinels.downAfter().toMillis()
					+ ": Sentinel may compare a replication offset read before the primary was lost "
					+ "(it must exceed " + LEAST_DOWN_AFTER.toMillis() + ")");
		}
		return new Verdict(promotable, replicasToAck, problems);
	}

}
