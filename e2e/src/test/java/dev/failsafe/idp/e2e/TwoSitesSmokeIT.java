package dev.failsafe.idp.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TwoSitesSmokeIT {

	@TempDir
	Path dir;

	@Test
	void startWhenBuiltThenBothSitesReadyBehindTheBalancer() throws Exception {
		try (TwoSites sites = TwoSites.start(this.dir)) {
			assertThat(TwoSites.status(sites.issuer() + "/oauth2/jwks")).isEqualTo(200);
			assertThat(sites.redis().primaryAddress()).startsWith(sites.site(0).address());
		}
	}

}
