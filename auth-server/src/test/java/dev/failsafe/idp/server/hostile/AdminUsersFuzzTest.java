package dev.failsafe.idp.server.hostile;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.UserAgent;
import dev.failsafe.idp.server.users.UserAccount;
import dev.failsafe.idp.server.users.UserDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.failsafe.idp.server.hostile.FuzzInputs.NASTY;
import static dev.failsafe.idp.server.hostile.FuzzInputs.abbreviate;
import static dev.failsafe.idp.server.hostile.FuzzInputs.hasInternals;
import static dev.failsafe.idp.server.hostile.FuzzInputs.pick;
import static dev.failsafe.idp.server.hostile.FuzzInputs.randomText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and crafted requests to {@code /admin/users} with a valid admin token: random methods, paths
 * (odd, encoded, overlong usernames), bodies (malformed JSON, wrong types, unknown and oversized
 * claims, odd passwords). Whatever arrives, the answer is never a 5xx, an error is an RFC 9457
 * problem without internals (a path the servlet container itself refuses aside: a bare 400 for an
 * encoded slash, backslash or NUL), and
 * users the requests do not name are untouched. Seeded and bounded.
 */
class AdminUsersFuzzTest extends HostileInputSupport {

	private static final int REQUESTS = 300;

	private static final List<String> SUFFIXES = List.of("", "", "/enable", "/disable", "/password", "/revoke-sessions",
			"/nope", "/password/extra");

	private static final List<String> FIELDS = List.of("username", "password", "enabled", "claims");

	private static final List<String> CLAIMS = List.of("name", "email", "email_verified", "locale", "birthdate",
			"phone_number_verified", "updated_at", "sub", "password_hash", "website");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Bodies that once broke something, sent to create, update and set-password alike. */
	private static final List<String> CRAFTED = List.of(
			"{\"username\":\"fuzz-c\",\"password\":\"long-enough-1\",\"claims\":{\"name\":null,\"email_verified\":null}}",
			"{\"username\":\"fuzz-c\",\"password\":\"long-enough-1\",\"claims\":null,\"enabled\":null}",
			"{\"username\":null,\"password\":null}", "{\"password\":\"" + "é".repeat(100) + "\"}",
			"{\"claims\":{\"updated_at\":1}}", "{\"claims\":[\"name\"]}", "{\"claims\":{\"name\":{\"a\":1}}}",
			"{\"username\":\"fuzz-c\",\"password\":\"long-enough-1\",\"claims\":{\"email\":\"" + "e".repeat(321)
					+ "\"}}",
			"null", "[]", "\"text\"", "{\"username\":\"fuzz-c\",\"password\":12345678901}");

	@Autowired
	private UserDirectory users;

	@Test
	void adminUsersWhenRandomRequestsThenNeverServerErrorAlwaysAProblemAndOthersUntouched() {
		UserAccount aliceBefore = this.users.find(Demo.USERNAME).orElseThrow();
		String token = this.backChannel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET,
				Demo.ADMIN_SCOPE);
		Random random = new Random(20_260_101L);
		List<String> failures = new ArrayList<>();
		for (String body : CRAFTED) {
			for (String[] call : new String[][] { { "POST", "/admin/users" }, { "PUT", "/admin/users/fuzz-c" },
					{ "PUT", "/admin/users/fuzz-c/password" } }) {
				HttpResponse<String> response = send(request(call[1]).header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.method(call[0], HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
				if (response.statusCode() >= 500 || hasInternals(response.body())) {
					failures.add(call[0] + " " + call[1] + " body=" + abbreviate(body) + " -> " + response.statusCode()
							+ " " + abbreviate(response.body()));
				}
			}
		}
		for (int i = 0; i < REQUESTS; i++) {
			String method = pick(random, List.of("GET", "POST", "PUT", "DELETE", "PATCH"));
			String path = "/admin/users" + (random.nextInt(5) == 0 ? "?limit=" + encode(pick(random, NASTY)) + "&after="
					+ encode(randomText(random, 5)) : "/" + encode(username(random)) + pick(random, SUFFIXES));
			String body = body(random);
			HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + token)
				.header("Content-Type", random.nextInt(6) == 0 ? "text/plain" : "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
			HttpResponse<String> response = send(request);
			// An encoded '/', '\' or NUL in the path is refused by the servlet container itself (400),
			// before the application sees the request.
			boolean refusedByContainer = response.statusCode() == 400
					&& (path.contains("%2F") || path.contains("%5C") || path.contains("%00"));
			boolean problem = response.statusCode() < 400 || refusedByContainer || response.headers()
				.firstValue("Content-Type")
				.filter(type -> type.startsWith("application/problem+json"))
				.isPresent();
			if (response.statusCode() >= 500 || hasInternals(response.body()) || !problem) {
				failures.add(method + " " + path + " body=" + abbreviate(body) + " -> " + response.statusCode() + " "
						+ abbreviate(response.body()));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(this.users.find(Demo.USERNAME)).contains(aliceBefore);
		assertThat(UserAgent.location(newUserAgent().submitLogin(Demo.USERNAME, Demo.PASSWORD)))
			.doesNotContain("/login");
	}

	/** Mostly users of the fuzz's own, sometimes nonsense; never a user another test relies on. */
	private static String username(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> "fuzz-" + random.nextInt(5);
			case 1 -> randomText(random, 1 + random.nextInt(20));
			case 2 -> "fuzz-" + "x".repeat(random.nextInt(300));
			default -> pick(random, NASTY) + "fuzz";
		};
	}

	private static String body(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "";
			case 1 -> "{\"username\":" + randomText(random, 10);
			case 2 -> "[" + "[".repeat(random.nextInt(2000)) + "]";
			default -> json(random);
		};
	}

	private static String json(Random random) {
		ObjectNode body = JSON.createObjectNode();
		for (int i = random.nextInt(4); i >= 0; i--) {
			String field = pick(random, FIELDS);
			switch (random.nextInt(5)) {
				case 0 -> body.put(field, random.nextInt());
				case 1 -> body.put(field, random.nextBoolean());
				case 2 -> body.putNull(field);
				case 3 -> {
					ObjectNode claims = body.putObject(field);
					for (int c = random.nextInt(4); c >= 0; c--) {
						String claim = pick(random, CLAIMS);
						switch (random.nextInt(5)) {
							case 0 -> claims.put(claim, random.nextBoolean());
							case 1 -> claims.put(claim, random.nextLong());
							case 2 -> claims.putArray(claim).add(randomText(random, 3));
							case 3 -> claims.putNull(claim);
							default -> claims.put(claim, randomText(random, random.nextInt(400)));
						}
					}
				}
				default -> body.put(field, field.equals("username") ? username(random) : randomText(random,
						random.nextInt(200)));
			}
		}
		return body.toString();
	}

}
