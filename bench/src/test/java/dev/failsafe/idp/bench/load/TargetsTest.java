package dev.failsafe.idp.bench.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

	@Test
	void judgeWhenFiguresAreGivenThenEachTargetIsARatioToItsLimit() {
		StoreRun run = new StoreRun("embedded",
				List.of(new Measurement("client_credentials", 1, 100, 0, 1, 2, 3, 0),
						new Measurement("client_credentials", 8, 450, 0, 1, 10, 60, 0),
						new Measurement("login", 8, 19, 0, 1, 300, 500, 0)),
				0, 0, 0, 0.5, 1000, 20);

		Targets targets = Targets.judge(run);

		assertThat(targets.verdicts()).extracting(Targets.Verdict::met).containsExactly(true, true, false);
		assertThat(targets.verdicts().get(0).measured()).contains("450/s = 45% of 1000/s (c=8)");
		assertThat(targets.verdicts().get(1).measured()).contains("19.0/s = 95% of 20.0/s");
		assertThat(targets.verdicts().get(2).measured()).isEqualTo("60.0 ms");
	}

	@Test
	void judgeWhenAWorkloadWasNotRunThenItsTargetIsNotJudged() {
		StoreRun run = new StoreRun("redis", List.of(new Measurement("jwks", 1, 10, 0, 1, 1, 1, 0)), 0, 0, 0, 0.5, 0, 0);

		Targets targets = Targets.judge(run);

		assertThat(targets.verdicts()).extracting(Targets.Verdict::met).containsOnlyNulls();
	}

}
