package dev.failsafe.idp.e2e;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code e2e/drill}'s options: each scenario by name, the old aliases, and a clear refusal of bad ones. */
class DrillOptionsTest {

	@Test
	void scenarioWhenNamedThenEveryMatrixScenarioFoundByItsId() {
		assertThat(Scenario.MATRIX).extracting(Scenario::id)
			.containsExactlyInAnyOrder("kill-a", "kill-b", "kill-witness", "cut-ab", "isolate-a", "isolate-b");
		Scenario.MATRIX.forEach((scenario) -> assertThat(Scenario.named(scenario.id())).isSameAs(scenario));
	}

	@Test
	void scenarioWhenUnknownThenRefusedNamingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Scenario.named("kill-everything"))
			.withMessageContaining("unknown scenario 'kill-everything'")
			.withMessageContaining("isolate-b");
	}

	@Test
	void optionWhenGivenThenItsValueWhenAbsentThenNullWhenValueMissingThenRefused() {
		assertThat(Drill.option(List.of("--scenario", "cut-ab"), "--scenario")).isEqualTo("cut-ab");
		assertThat(Drill.option(List.of("--partition"), "--scenario")).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> Drill.option(List.of("--scenario"), "--scenario"))
			.withMessage("--scenario needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Drill.option(List.of("--scenario", "--report", "r.json"), "--scenario"))
			.withMessage("--scenario needs a value");
	}

}
