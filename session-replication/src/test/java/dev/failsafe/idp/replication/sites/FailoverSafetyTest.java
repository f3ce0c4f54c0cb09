package dev.failsafe.idp.replication.sites;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.failsafe.idp.replication.sites.FailoverSafety.Replica;
import dev.failsafe.idp.replication.sites.FailoverSafety.Sentinels;
import dev.failsafe.idp.replication.sites.FailoverSafety.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which replica Sentinel may promote and what every write waits for, in the three-place topology of
 * docs/availability.md and in the ways it can be got wrong.
 */
class FailoverSafetyTest {

	private static final Sentinels ONE_PER_PLACE = new Sentinels(3, 2, Duration.ofMillis(3000));

	private static final Replica AT_B = new Replica("10.0.0.3:6379", 100, true);

	private static final Replica AT_WITNESS = new Replica("10.0.0.4:6379", 100, true);

	@Test
	void judgeWhenOneDirectReplicaPerOtherPlaceThenSafeBothPromotableAndOneWaitedFor() {
		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B, AT_WITNESS), ONE_PER_PLACE);

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict.safe()).isTrue();
		assertThat(verdict.promotable()).containsExactly(AT_B.address(), AT_WITNESS.address());
		assertThat(verdict.waitedFor()).isEqualTo(1);
	}

	@Test
	void judgeWhenTheTwoSiteTopologyOfOneWaitedForReplicaThenLosingItsSiteStopsWrites() {
		// The former topology: B's replica the only one the primary has (a chained one hangs off it).
		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B), ONE_PER_PLACE);

		assertThat(verdict.promotable()).containsExactly(AT_B.address());
		assertThat(verdict.problems()).singleElement().asString().startsWith("1 promotable replica(s) in sync");
	}

	@Test
	void judgeWhenADirectReplicaCannotBePromotedThenItsAcknowledgementsAreAtRisk() {
		Replica neverPromoted = new Replica("10.0.0.4:6379", 0, true);

		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B, neverPromoted), ONE_PER_PLACE);

		assertThat(verdict.promotable()).containsExactly(AT_B.address());
		assertThat(verdict.problems()).anySatisfy(problem -> assertThat(problem)
			.startsWith("replica 10.0.0.4:6379 has replica-priority 0: it can answer a WAIT"));
	}

	@Test
	void judgeWhenPrioritiesDifferThenSentinelMayPromoteOneThatIsBehind() {
		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B, new Replica("10.0.0.4:6379", 10, true)),
				ONE_PER_PLACE);

		assertThat(verdict.problems()).singleElement().asString()
			.startsWith("the replicas have different replica-priority [10, 100]");
	}

	@Test
	void judgeWhenAReplicaIsDownThenItIsNotPromotableAndTheNextLossStopsWrites() {
		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B, new Replica("10.0.0.4:6379", 100, false)),
				ONE_PER_PLACE);

		assertThat(verdict.promotable()).containsExactly(AT_B.address());
		assertThat(verdict.safe()).isFalse();
	}

	@ParameterizedTest(name = "replicas-to-ack {0}, min-replicas-to-write {1}: {2}")
	@CsvSource(delimiter = '|', value = {
			"0 | 1 | idp.redis.replicas-to-ack is 0: a write is acknowledged before any replica has it",
			"2 | 1 | idp.redis.replicas-to-ack is 2 with 2 promotable replicas: losing one place stops every write",
			"1 | 0 | the primary's min-replicas-to-write is 0: cut off from its replicas it keeps taking writes" })
	void judgeWhenWhatIsWaitedForIsWrongThenNamed(int replicasToAck, int minReplicasToWrite, String problem) {
		Verdict verdict = FailoverSafety.judge(replicasToAck, minReplicasToWrite, List.of(AT_B, AT_WITNESS),
				ONE_PER_PLACE);

		assertThat(verdict.problems()).singleElement().asString().startsWith(problem);
	}

	@Test
	void judgeWhenMinReplicasToWriteUnreadableThenJudgedWithoutIt() {
		assertThat(FailoverSafety.judge(1, null, List.of(AT_B, AT_WITNESS), ONE_PER_PLACE).safe()).isTrue();
	}

	@ParameterizedTest(name = "{0} sentinels, quorum {1}, down-after {2} ms: {3}")
	@CsvSource(delimiter = '|', value = {
			"2 | 2 | 3000 | 2 sentinel(s): one per place, in three places",
			"3 | 1 | 3000 | quorum 1 of 3 sentinels is not a majority",
			"3 | 2 | 2000 | down-after-milliseconds is 2000: Sentinel may compare a replication offset read before",
			"3 | 2 | 1000 | down-after-milliseconds is 1000" })
	void judgeWhenSentinelsCannotDecideSafelyThenNamed(int count, int quorum, long downAfterMillis, String problem) {
		Verdict verdict = FailoverSafety.judge(1, 1, List.of(AT_B, AT_WITNESS),
				new Sentinels(count, quorum, Duration.ofMillis(downAfterMillis)));

		assertThat(verdict.problems()).singleElement().asString().startsWith(problem);
	}

	@Test
	void judgeWhenDownAfterJustAboveTheBoundThenSafe() {
		assertThat(FailoverSafety.judge(1, 1, List.of(AT_B, AT_WITNESS), new Sentinels(3, 2, Duration.ofMillis(2001)))
			.safe()).isTrue();
	}

}
