package dev.failsafe.idp.server.testing;

import dev.failsafe.idp.server.AuthServerApplication;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.UserAgent;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that talk to one real provider over HTTP on the embedded default (demo tenant
 * seeded). All subclasses share one application context, so it starts once per test run.
 */
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ProviderIntegrationTest {

	protected static final RunningProvider PROVIDER = RunningProvider.create();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		PROVIDER.register(registry);
	}

	protected final BackChannel backChannel = new BackChannel(PROVIDER);

	protected UserAgent newUserAgent() {
		return new UserAgent(PROVIDER);
	}

	protected CodeFlow codeFlow(UserAgent agent) {
		return new CodeFlow(agent, this.backChannel);
	}

}
