package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static dev.failsafe.idp.server.hostile.FuzzInputs.abbreviate;
import static dev.failsafe.idp.server.hostile.FuzzInputs.hasInternals;
import static dev.failsafe.idp.server.hostile.FuzzInputs.pick;
import static dev.failsafe.idp.server.hostile.FuzzInputs.randomText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random RP-initiated logout requests from a signed-in browser and an anonymous one: every
 * parameter drawn from genuine values (the shop's ID token, the SPA's, registered post-logout
 * redirect URIs) and hostile ones (an access token, alg none, a tampered signature, unknown clients,
 * other URIs, long and odd values, repeats), by GET and POST. Whatever arrives: never a 5xx or
 * internals; the browser is sent nowhere but our own confirmation and signed-out pages, or a
 * registered post-logout redirect URI of the client a genuine {@code id_token_hint} names; and no
 * request ends the session by itself (only the confirmation does). Seeded, so a failure reproduces.
 */
class LogoutEndpointFuzzTest extends HostileInputSupport {

	private static final int REQUESTS = 200;

	private static final long SEED = 0x10_90_07L;

	@Test
	void logoutWhenRandomRequestsThenNoErrorNoForeignRedirectAndNoSessionEnded() {
		UserAgent signedIn = newUserAgent();
		CodeFlow flow = codeFlow(signedIn);
		BackChannel.Reply shop = tokens(flow, Demo.SHOP, Demo.SHOP_SECRET, Demo.SHOP_REDIRECT_URI);
		BackChannel.Reply spa = tokens(flow, Demo.SPA, null, Demo.SPA_REDIRECT_URI);
		String shopIdToken = shop.string("id_token");
		String spaIdToken = spa.string("id_token");
		String[] parts = shopIdToken.split("\\.");
		Map<String, List<String>> values = Map.of(
				"id_token_hint", List.of(shopIdToken, spaIdToken, shop.string("access_token"),
						base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".",
						parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
						parts[0] + "." + base64Url("{\"sub\":\"mallory\",\"aud\":\"demo-shop\"}") + "." + parts[2],
						"garbage", ""),
				"client_id", List.of(Demo.SHOP, Demo.SPA, Demo.PARTNER_API, "no-such-client", "",
						"x".repeat(300)),
				"post_logout_redirect_uri", List.of(Demo.SHOP_POST_LOGOUT_URI, Demo.SPA_POST_LOGOUT_URI,
						Demo.SHOP_REDIRECT_URI, "https://evil.example/", "javascript:alert(1)",
						"http://127.0.0.1:8081/?x=1", "//evil.example/", ""),
				"state", List.of("s", "a b&c=d", "x".repeat(1000), "x".repeat(2000), "\u202e😀"),
				"ui_locales", List.of("ko en", "de"), "logout_hint", List.of("alice", "%00"));
		List<String> names = List.copyOf(values.keySet());
		Random random = new Random(SEED);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			UserAgent agent = random.nextInt(3) == 0 ? newUserAgent() : signedIn;
			Map<String, List<String>> form = new LinkedHashMap<>();
			int count = random.nextInt(names.size() + 1);
			for (int p = 0; p < count; p++) {
				String name = (random.nextInt(12) == 0) ? randomText(random, 6) : pick(random, names);
				String value = values.containsKey(name) ? pick(random, values.get(name)) : randomText(random, 20);
				form.computeIfAbsent(name, repeated -> new ArrayList<>()).add(value);
			}
			String encoded = Forms.encode(form);
			HttpResponse<String> response = random.nextBoolean() ? agent.get("/connect/logout?" + encoded)
					: agent.postForm("/connect/logout", form);
			String problem = problem(agent, response, form.getOrDefault("id_token_hint", List.of()), shopIdToken,
					spaIdToken);
			if (problem != null) {
				failures.add(problem + ": " + encoded + " -> " + response.statusCode() + " "
						+ UserAgent.location(response) + " " + abbreviate(response.body()));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(flow.signedIn()).as("no request alone ended the session").isTrue();
		assertThat(grants().refresh(shop.string("refresh_token")).status()).as("nor revoked its tokens")
			.isEqualTo(200);
	}

	/** What is wrong with this answer, or null. */
	private static String problem(UserAgent agent, HttpResponse<String> response, List<String> hints,
			String shopIdToken, String spaIdToken) {
		if (response.statusCode() >= 500 || hasInternals(response.body())) {
			return "server error or internals";
		}
		if (!UserAgent.isRedirect(response)) {
			return null;
		}
		String location = UserAgent.location(response);
		if (location.equals(agent.issuer() + "/logout/confirm") || location.equals(agent.issuer() + "/logout/done")) {
			return null;
		}
		String hint = (hints.size() == 1) ? hints.get(0) : null;
		boolean shopHint = shopIdToken.equals(hint) && location.startsWith(Demo.SHOP_POST_LOGOUT_URI);
		boolean spaHint = spaIdToken.equals(hint) && location.startsWith(Demo.SPA_POST_LOGOUT_URI);
		String target = location.contains("?") ? location.substring(0, location.indexOf('?')) : location;
		boolean registered = target.equals(Demo.SHOP_POST_LOGOUT_URI) || target.equals(Demo.SPA_POST_LOGOUT_URI);
		return (registered && (shopHint || spaHint)) ? null : "redirected where no genuine hint allows";
	}

	private static BackChannel.Reply tokens(CodeFlow flow, String clientId, String secret, String redirectUri) {
		Pkce pkce = Pkce.create();
		Map<String, String> callback = flow.authorize(clientId, redirectUri, Grants.SCOPE, pkce, "s", "n",
				Demo.USERNAME, Demo.PASSWORD);
		return flow.exchange(clientId, secret, callback.get("code"), redirectUri, pkce.verifier())
			.expect(200, "tokens for " + clientId);
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
