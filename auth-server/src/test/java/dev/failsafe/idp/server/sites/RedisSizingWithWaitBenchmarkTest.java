package dev.failsafe.idp.server.sites;

import dev.failsafe.idp.server.AuthServerApplication;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Logins on Redis, each signed-in session confirmed by one replica. */
@EnabledIfSystemProperty(named = "idp.benchmark", matches = "true")
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RedisSizingWithWaitBenchmarkTest extends RedisSizingBenchmark {

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		register(registry, 1);
	}

}
