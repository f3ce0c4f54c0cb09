package dev.failsafe.idp.server.observability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, metrics, request ids on every log line of a request, and no secret in the logs. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends ProviderIntegrationTest {

	@Test
	void probesWhenRunningThenLivenessAndReadinessUp() {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			BackChannel.Reply reply = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri(probe)).build());
			assertThat(reply.status()).as(probe).isEqualTo(200);
			assertThat(reply.json()).as(probe).containsEntry("status", "UP");
		}
	}

	@Test
	void requestIdWhenLoginThenEchoedAndOnTheRequestsLogLines(CapturedOutput output) {
		UserAgent agent = newUserAgent();
		HttpResponse<String> login = agent.submitLogin(Demo.USERNAME, "not-the-password");
		String requestId = login.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
		assertThat(output.getOut().lines().filter(line -> line.contains("Login error")))
			.anySatisfy(line -> assertThat(line).contains("\"request_id\":\"" + requestId + "\""));
	}

	@Test
	void requestIdWhenWellFormedIdSentThenKept() {
		BackChannel.Reply reply = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks"))
			.header(RequestIdFilter.HEADER, "lb-0123456789")
			.build());
		assertThat(reply.raw().headers().firstValue(RequestIdFilter.HEADER)).hasValue("lb-0123456789");
		BackChannel.Reply forged = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri("/oauth2/jwks"))
			.header(RequestIdFilter.HEADER, "bad id; with junk <script>")
			.build());
		assertThat(forged.raw().headers().firstValue(RequestIdFilter.HEADER)).hasValueSatisfying(
				id -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Test
	void metricsWhenTokensIssuedAndErrorsThenCountedByGrantTypeAndCode() {
		this.backChannel.postBasic("/oauth2/token", Demo.PARTNER_API, Demo.PARTNER_API_SECRET,
				Map.of("grant_type", List.of("client_credentials")));
		this.backChannel.postBasic("/oauth2/token", Demo.PARTNER_API, "wrong-secret",
				Map.of("grant_type", List.of("client_credentials")));
		newUserAgent().submitLogin(Demo.USERNAME, Demo.PASSWORD);

		BackChannel.Reply scraped = this.backChannel.getBearer("/actuator/prometheus", PROVIDER.metricsToken());
		assertThat(scraped.status()).isEqualTo(200);
		String prometheus = scraped.raw().body();
		assertThat(prometheus).containsPattern("idp_tokens_issued_total\\{[^}]*grant_type=\"client_credentials\"");
		assertThat(prometheus).containsPattern("idp_oauth2_errors_total\\{[^}]*error=\"invalid_client\"");
		assertThat(prometheus).containsPattern("idp_logins_total\\{[^}]*outcome=\"success\"");
	}

	/** Nobody on the public listener reads metrics without the scrape token; probes stay open. */
	@Test
	void metricsWhenNoOrWrongTokenThen401AndNothingShown() {
		for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
			BackChannel.Reply anonymous = this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri(path)).build());
			assertThat(anonymous.status()).as(path).isEqualTo(401);
			assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
			assertThat(anonymous.raw().body()).as(path).doesNotContain("jvm_").doesNotContain("idp_");

			BackChannel.Reply wrong = this.backChannel.getBearer(path, PROVIDER.metricsToken() + "x");
			assertThat(wrong.status()).as(path).isEqualTo(401);
			assertThat(wrong.raw().body()).as(path).doesNotContain("jvm_").doesNotContain("idp_");
		}
		String adminToken = this.backChannel.postBasic("/oauth2/token", Demo.ADMIN, Demo.ADMIN_SECRET,
				Map.of("grant_type", List.of("client_credentials"), "scope", List.of(Demo.ADMIN_SCOPE)))
			.string("access_token");
		assertThat(this.backChannel.getBearer("/actuator/prometheus", adminToken).status())
			.as("an access token is not the scrape token")
			.isEqualTo(401);
		assertThat(this.backChannel.getBearer("/actuator/metrics", PROVIDER.metricsToken()).status()).isEqualTo(200);
		assertThat(this.backChannel.status("/actuator/health/readiness")).isEqualTo(200);
	}

	@Test
	void logsWhenFullFlowRunsThenNoSecretAppears(CapturedOutput output) {
		UserAgent agent = newUserAgent();
		Pkce pkce = Pkce.create();
		var flow = codeFlow(agent);
		Map<String, String> redirect = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI,
				"openid profile email", pkce, "s", "n", Demo.USERNAME, Demo.PASSWORD);
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, redirect.get("code"),
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		BackChannel.Reply refreshed = flow.refresh(Demo.SHOP, Demo.SHOP_SECRET,
				tokens.string("refresh_token"));
		flow.refresh(Demo.SHOP, Demo.SHOP_SECRET, tokens.string("refresh_token"));
		assertThat(refreshed.status()).isEqualTo(200);

		String logs = output.getAll();
		assertThat(logs).isNotBlank()
			.doesNotContain(Demo.PASSWORD)
			.doesNotContain(Demo.SHOP_SECRET)
			.doesNotContain(redirect.get("code"))
			.doesNotContain(pkce.verifier())
			.doesNotContain(tokens.string("refresh_token"))
			.doesNotContain(refreshed.string("refresh_token"))
			.doesNotContain(tokens.string("access_token"))
			.doesNotContain(tokens.string("id_token"))
			.doesNotContainPattern("\"d\"\\s*:\\s*\"");
	}

}
