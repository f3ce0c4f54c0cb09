package dev.failsafe.idp.helm;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's layout: one resource per template, named {@code <component>-<kind>.yaml}. */
class TemplateLayoutTest {

	@Test
	void templateWhenAnyExampleThenEachTemplateRendersOneResourceNamedAfterItsKind() {
		for (var example : Chart.exampleFiles()) {
			Manifests manifests = Chart.render(example);

			assertThat(manifests.all()).as("%s", example.getFileName()).isNotEmpty().allSatisfy((manifest) -> {
				assertThat(manifest.source()).matches("([a-z]+-)?" + manifest.kind().toLowerCase(Locale.ROOT) + "\\.yaml");
				assertThat(manifest.body().at("/metadata/labels/failsafe-id~1site").asString()).isNotEmpty();
			});
			assertThat(manifests.all()).extracting(Manifests.Manifest::source).doesNotHaveDuplicates();
		}
	}

}
