package dev.failsafe.idp.server.sites;

import dev.failsafe.idp.server.AuthServerApplication;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Logins on Redis, without WAIT (replicas-to-ack 0). */
@EnabledIfSystemProperty(named = "idp.benchmark", matches = "true")
@SpringBootTest(classes = AuthServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RedisSizingWithoutWaitBenchmarkTest extends RedisSizingBenchmark {

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		register(registry, 0);
	}

}
