package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.failsafe.idp.server.hostile.FuzzInputs.abbreviate;
import static dev.failsafe.idp.server.hostile.FuzzInputs.hasInternals;
import static dev.failsafe.idp.server.hostile.FuzzInputs.pick;
import static dev.failsafe.idp.server.hostile.FuzzInputs.randomText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random requests against every endpoint: random methods, content types, parameter names and values
 * (known names with garbage, odd characters, long values, repeats). Whatever arrives, the answer is
 * never a 5xx and never shows internals. Seeded, so a failure reproduces; bounded in count.
 */
class EndpointFuzzTest extends HostileInputSupport {

	private static final int REQUESTS_PER_ENDPOINT = 150;

	private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
			"state", "nonce", "code_challenge", "code_challenge_method", "grant_type", "code", "code_verifier",
			"refresh_token", "token", "token_type_hint", "client_secret", "id_token_hint", "post_logout_redirect_uri",
			"prompt", "max_age", "username", "password", "_csrf", "resource", "request", "request_uri");

	private static final List<String> VALUES = List.of("", " ", "code", "token", "openid", "openid profile email",
			Demo.SHOP, Demo.SPA, Demo.SHOP_REDIRECT_URI, "S256", "plain", "authorization_code",
			"refresh_token", "client_credentials", "%00", "%zz", "\u0000", "\u202e", "😀", "' OR 1=1 --",
			"<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://127.0.0.1/a}", "eyJhbGciOiJub25lIn0.e30.",
			"http://127.0.0.1:8081/", "javascript:alert(1)");

	private static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded",
			"application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=ISO-8859-1");

	@ParameterizedTest
	@ValueSource(strings = { "/oauth2/authorize", "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke", "/userinfo",
			"/connect/logout", "/oauth2/jwks", "/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server", "/login", "/oauth2/consent", "/logout/confirm" })
	void endpointWhenRandomRequestsThenNeverServerErrorOrInternals(String path) {
		Random random = new Random(path.hashCode());
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
			// A URI must be well formed to be sent at all; a body may carry raw, badly encoded bytes.
			String query = randomForm(random, false);
			String body = randomForm(random, true);
			HttpRequest.Builder request = request(path + (random.nextBoolean() ? "?" + query : ""));
			if (random.nextInt(3) == 0) {
				request.header("Authorization", random.nextBoolean()
						? BackChannel.basic(Demo.SHOP, random.nextBoolean() ? Demo.SHOP_SECRET : "x")
						: "Bearer " + encode(pick(random, VALUES)));
			}
			if (random.nextBoolean()) {
				request.header("Accept", "text/html");
			}
			String method = pick(random, List.of("GET", "POST", "POST", "PUT", "DELETE", "PATCH"));
			if (method.equals("GET") || method.equals("DELETE")) {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			else {
				request.header("Content-Type", pick(random, CONTENT_TYPES))
					.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
			}
			HttpResponse<String> response = send(request);
			if (response.statusCode() >= 500 || hasInternals(response.body())) {
				failures.add(method + " " + path + "?" + query + " body=" + body + " -> " + response.statusCode() + " "
						+ abbreviate(response.body()));
			}
		}
		assertThat(failures).isEmpty();
	}

	private static String randomForm(Random random, boolean rawValues) {
		List<String> pairs = new ArrayList<>();
		int count = random.nextInt(6);
		for (int i = 0; i < count; i++) {
			String name = (random.nextInt(10) == 0) ? randomText(random, 8) : pick(random, PARAMETERS);
			name = rawValues ? name : encode(name);
			String value = switch (random.nextInt(5)) {
				case 0 -> randomText(random, 1 + random.nextInt(40));
				case 1 -> "x".repeat(random.nextInt(3000));
				default -> pick(random, VALUES);
			};
			pairs.add((rawValues ? encode(name) : name) + "=" + (rawValues && random.nextInt(8) == 0 ? value : encode(value)));
		}
		return String.join("&", pairs);
	}

}
