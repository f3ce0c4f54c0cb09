package dev.failsafe.idp.server.hostile;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random registrations against {@code /admin/clients}: random members (known names with hostile
 * values, wrong JSON types, nulls, nesting, strings where arrays belong), random methods on a pool
 * of client ids of its own. Whatever arrives, the answer is never a 5xx or internals, and what is
 * stored after each accepted write still obeys the rules: no list element that the directory's comma-separated
 * columns would split, https redirect URIs (loopback http only for native apps), admin only for
 * operators, a back-channel logout URI only on a web client that signs users in, and under the
 * redirect URI rules. Seeded, so a failure reproduces; bounded in count. The key endpoints are left out: a
 * random rotation or revocation would change the keys the other tests share.
 */
class AdminApiFuzzTest extends HostileInputSupport {

	private static final int REQUESTS = 300;

	private static final long SEED = 0x5eed_ad_1L;

	private static final List<String> IDS = List.of("fuzz-a", "fuzz-b", "fuzz-c", "fuzz-d");

	/** Each member of a registration with values that are valid on their own, as JSON. */
	private static final Map<String, List<String>> PLAUSIBLE = Map.ofEntries(
			Map.entry("clientId", List.of("\"fuzz-a\"", "\"fuzz-b\"")),
			Map.entry("clientName", List.of("\"Name\"")),
			Map.entry("clientType", List.of("\"confidential\"", "\"public\"")),
			Map.entry("applicationType", List.of("\"web\"", "\"native\"")),
			Map.entry("grantTypes", List.of("[\"client_credentials\"]", "[\"authorization_code\"]",
					"[\"authorization_code\",\"refresh_token\"]")),
			Map.entry("redirectUris", List.of("[\"https://app.example/cb\"]", "[\"http://127.0.0.1/cb\"]", "[]")),
			Map.entry("postLogoutRedirectUris", List.of("[\"https://app.example/out\"]", "[]")),
			Map.entry("scopes", List.of("[\"openid\"]", "[\"admin\"]", "[\"orders.read\",\"admin\"]")),
			Map.entry("operator", List.of("true", "false")), Map.entry("requireConsent", List.of("true", "false")),
			Map.entry("signingAlgorithm", List.of("\"RS256\"", "\"ES256\"")),
			Map.entry("backchannelLogoutUri", List.of("\"https://app.example/bcl\"", "\"http://127.0.0.1:8081/bcl\"",
					"null")),
			Map.entry("backchannelLogoutSessionRequired", List.of("true", "false")));

	private static final List<String> MEMBERS = List.copyOf(PLAUSIBLE.keySet());

	private static final List<String> STRINGS = List.of("", " ", "admin", "openid", "openid,admin", "openid admin",
			"orders.read", "confidential", "public", "web", "native", "RS256", "ES256", "none", "client_credentials",
			"authorization_code", "refresh_token", "password", "https://app.example/cb",
			"https://app.example/cb,http://attacker.example/cb", "http://127.0.0.1:8081/cb", "http://[::1]/cb",
			"http://localhost/cb", "https://app.example/cb#f", "https://u@app.example/cb", "javascript:alert(1)",
			"com.example.app:/cb", "https://app.example/\u00e9", "https://app.example/bcl?a=1,2", "%00", "\u0000", "\u202e", "${jndi:ldap://127.0.0.1/a}",
			"' OR 1=1 --", "<script>alert(1)</script>", "fuzz-a", "alice", "demo-admin");

	/** Valid registrations to start from, as JSON member values. */
	private static final List<Map<String, String>> VALID = List.of(
			Map.of("clientName", "\"Web\"", "clientType", "\"confidential\"", "grantTypes",
					"[\"authorization_code\",\"refresh_token\"]", "redirectUris", "[\"https://app.example/cb\"]",
					"scopes", "[\"openid\",\"profile\"]"),
			Map.of("clientName", "\"Native\"", "clientType", "\"public\"", "applicationType", "\"native\"",
					"grantTypes", "[\"authorization_code\"]", "redirectUris", "[\"http://127.0.0.1/cb\"]", "scopes",
					"[\"openid\"]"),
			Map.of("clientName", "\"Service\"", "clientType", "\"confidential\"", "grantTypes",
					"[\"client_credentials\"]", "scopes", "[\"orders.read\"]"),
			Map.of("clientName", "\"Operator\"", "clientType", "\"confidential\"", "operator", "true", "grantTypes",
					"[\"client_credentials\"]", "scopes", "[\"admin\"]"));

	@Test
	void clientsApiWhenRandomRequestsThenNeverServerErrorAndStoredClientsObeyTheRules() {
		Random random = new Random(SEED);
		String token = adminToken();
		List<String> failures = new ArrayList<>();
		int accepted = 0;
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		for (int i = 0; i < REQUESTS; i++) {
			String id = pick(random, IDS);
			String method = pick(random, List.of("POST", "POST", "PUT", "PUT", "DELETE", "GET", "SECRET"));
			String path = switch (method) {
				case "POST" -> "/admin/clients";
				case "SECRET" -> "/admin/clients/" + id + "/secret";
				default -> "/admin/clients/" + id;
			};
			String body = (method.equals("GET") || method.equals("DELETE")) ? null : randomBody(random, id);
			BackChannel.Reply reply = adminCall(token, method.equals("SECRET") ? "POST" : method, path, body);
			statuses.merge(reply.status(), 1, Integer::sum);
			if (reply.status() >= 500 || !problemOrSuccess(reply)) {
				failures.add(method + " " + path + " " + body + " -> " + reply.status() + " " + reply.raw().body());
			}
			if ((method.equals("POST") || method.equals("PUT")) && reply.status() < 300) {
				accepted++;
				Object view = method.equals("POST") ? reply.json().get("client") : reply.json();
				String stored = (String) ((Map<?, ?>) view).get("clientId");
				assertObeysTheRules(adminCall(token, "GET", "/admin/clients/" + stored, null).json());
			}
		}
		assertThat(failures).isEmpty();
		assertThat(accepted).as("registrations the rules let through, each checked as stored; statuses %s", statuses)
			.isGreaterThan(REQUESTS / 10);
	}

	private static boolean problemOrSuccess(BackChannel.Reply reply) {
		String type = reply.raw().headers().firstValue("Content-Type").orElse("");
		boolean ok = (reply.status() < 300) || type.equals("application/problem+json");
		try {
			ProtocolAssertions.assertNoInternals(reply.raw().body());
			return ok;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static void assertObeysTheRules(Map<String, Object> client) {
		boolean isNative = "native".equals(client.get("applicationType"));
		List<String> uris = new ArrayList<>((List<String>) client.get("redirectUris"));
		uris.addAll((List<String>) client.get("postLogoutRedirectUris"));
		assertThat(uris).as("%s", client).allSatisfy(uri -> {
			assertThat(uri).doesNotContain(",");
			URI parsed = URI.create(uri);
			assertThat(parsed.getFragment()).isNull();
			boolean loopbackHttp = parsed.getScheme().equals("http")
					&& Set.of("127.0.0.1", "[::1]").contains(parsed.getHost());
			boolean privateUseScheme = isNative && parsed.getScheme().contains(".");
			assertThat(parsed.getScheme().equals("https") || loopbackHttp || privateUseScheme).isTrue();
		});
		if (client.get("backchannelLogoutUri") instanceof String logoutUri) {
			URI parsed = URI.create(logoutUri);
			assertThat(parsed.getFragment()).as("%s", client).isNull();
			assertThat(parsed.getScheme().equals("https") || (parsed.getScheme().equals("http")
					&& Set.of("127.0.0.1", "[::1]").contains(parsed.getHost()))).as("%s", client).isTrue();
			assertThat(client).containsEntry("applicationType", "web");
			assertThat((List<String>) client.get("grantTypes")).contains("authorization_code");
		}
		else {
			assertThat(client).as("no URI, no sid requirement").containsEntry("backchannelLogoutSessionRequired", false);
		}
		List<String> scopes = (List<String>) client.get("scopes");
		assertThat(scopes).as("%s", client).allSatisfy(scope -> assertThat(scope).doesNotContain(",", " "));
		if (scopes.contains("admin")) {
			assertThat(client).containsEntry("operator", true)
				.containsEntry("grantTypes", List.of("client_credentials"))
				.containsEntry("clientType", "confidential");
		}
	}

	/**
	 * One of the valid registrations (a web app, a native app, a service, an operator) with up to two
	 * members dropped, or replaced by another plausible value (so rules meet in new combinations) or
	 * by a random one; now and then no object at all.
	 */
	private static String randomBody(Random random, String id) {
		if (random.nextInt(15) == 0) {
			return pick(random, List.of("", "{", "[]", "null", "\"x\"", "{\"clientId\":", "{}"));
		}
		Map<String, String> members = new LinkedHashMap<>(pick(random, VALID));
		members.put("clientId", json(id));
		int mutations = random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			String member = pick(random, List.copyOf(PLAUSIBLE.keySet()));
			switch (random.nextInt(4)) {
				case 0 -> members.remove(member);
				case 1 -> members.put(member, randomValue(random, 0));
				default -> members.put(member, pick(random, PLAUSIBLE.get(member)));
			}
		}
		return members.entrySet()
			.stream()
			.map(entry -> json(entry.getKey()) + ":" + entry.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	private static String randomValue(Random random, int depth) {
		return switch (random.nextInt((depth > 1) ? 4 : 7)) {
			case 0 -> json(pick(random, STRINGS));
			case 1 -> pick(random, List.of("true", "false", "null", "0", "-1", "1e309"));
			case 2 -> json("x".repeat(random.nextInt(1500)));
			case 3 -> json(randomText(random));
			case 4, 5 -> {
				List<String> elements = new ArrayList<>();
				int size = random.nextInt(5);
				for (int i = 0; i < size; i++) {
					elements.add(randomValue(random, depth + 1));
				}
				yield "[" + String.join(",", elements) + "]";
			}
			default -> "{" + json(pick(random, MEMBERS)) + ":" + randomValue(random, depth + 1) + "}";
		};
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = 1 + random.nextInt(30);
		for (int i = 0; i < length; i++) {
			text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
		}
		return text.toString();
	}

	/** A JSON string literal. */
	private static String json(String value) {
		StringBuilder literal = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> literal.append("\\\"");
				case '\\' -> literal.append("\\\\");
				default -> {
					if (c < 0x20 || Character.isSurrogate(c)) {
						literal.append(String.format("\\u%04x", (int) c));
					}
					else {
						literal.append(c);
					}
				}
			}
		}
		return literal.append('"').toString();
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
