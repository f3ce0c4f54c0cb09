package dev.failsafe.idp.server.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Demo tenant" walk-through, run as written against a running provider (its
 * {@code http://localhost:9000} replaced by the test provider's issuer): discovery, a
 * client_credentials token, the browser's authorization request with the PKCE pair it gives, and
 * the code exchange.
 */
class ReadmeWalkthroughTest extends ProviderIntegrationTest {

	private static final String README_ISSUER = "http://localhost:9000";

	private final String section = demoTenantSection();

	@Test
	void discoveryCurlWhenRunThenTheProvidersMetadata() {
		Curl discovery = curls().get(0);

		BackChannel.Reply reply = discovery.run(this.backChannel, Map.of());

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.string("issuer")).isEqualTo(PROVIDER.issuer());
	}

	@Test
	void clientCredentialsCurlWhenRunThenAnAccessToken() {
		Curl token = curls().get(1);

		BackChannel.Reply reply = token.run(this.backChannel, Map.of());

		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
		assertThat(reply.string("access_token")).isNotBlank();
		assertThat(reply.string("scope")).isEqualTo("orders.read");
	}

	@Test
	void browserWalkThroughWhenFollowedAsWrittenThenTheCodeExchangeAnswersTokens() {
		String verifier = match("\\(PKCE verifier `([^`]+)`\\)");
		String authorize = match("```\\s*\\n" + Pattern.quote(README_ISSUER) + "(/oauth2/authorize\\?[^\\s]+)\\s*\\n```");
		assertThat(match("code_challenge=([^&\\s]+)")).as("the challenge is the verifier's S256 (RFC 7636)")
			.isEqualTo(Pkce.s256(verifier));

		Map<String, String> redirect = new CodeFlow(newUserAgent(), this.backChannel).authorize(authorize,
				Demo.SHOP_REDIRECT_URI, Demo.USERNAME, Demo.PASSWORD);
		assertThat(redirect).containsEntry("state", "abc").containsKey("code");
		Curl exchange = curls().get(2);
		assertThat(exchange.form()).containsEntry("code_verifier", List.of(verifier));
		BackChannel.Reply tokens = exchange.run(this.backChannel, Map.of("CODE", redirect.get("code")));

		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.json()).containsKeys("access_token", "id_token", "refresh_token");
	}

	/** The curl commands of the section, in order. */
	private List<Curl> curls() {
		List<Curl> curls = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?m)^curl (.+?)(?<!\\\\)$", Pattern.DOTALL).matcher(this.section);
		while (matcher.find()) {
			curls.add(Curl.parse(matcher.group(1)));
		}
		assertThat(curls).hasSize(3);
		return curls;
	}

	private String match(String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(this.section);
		assertThat(matcher.find()).as("README has %s", regex).isTrue();
		return matcher.group(1);
	}

	private static String demoTenantSection() {
		try {
			String readme = Files.readString(Path.of("../README.md"));
			int start = readme.indexOf("## Demo tenant");
			return readme.substring(start, readme.indexOf("\n## ", start + 1));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A {@code curl -s [-u id:secret] [-d name=value]... URL} line of the README. */
	private record Curl(String user, Map<String, List<String>> form, String url) {

		static Curl parse(String arguments) {
			String[] words = arguments.replace("\\\n", " ").trim().split("\\s+");
			String user = null;
			Map<String, List<String>> form = new LinkedHashMap<>();
			for (int i = 0; i < words.length - 1; i++) {
				switch (words[i]) {
					case "-u" -> user = words[++i];
					case "-d" -> {
						String[] pair = words[++i].split("=", 2);
						form.computeIfAbsent(pair[0], name -> new ArrayList<>()).add(pair[1]);
					}
					case "-s" -> {
					}
					default -> throw new IllegalArgumentException("unexpected curl option " + words[i]);
				}
			}
			return new Curl(user, form, words[words.length - 1]);
		}

		/** Sends it to the test provider, with {@code placeholders} (such as CODE) in the form replaced. */
		BackChannel.Reply run(BackChannel backChannel, Map<String, String> placeholders) {
			assertThat(this.url).startsWith(README_ISSUER);
			String path = this.url.substring(README_ISSUER.length());
			if (this.form.isEmpty()) {
				return backChannel.send(java.net.http.HttpRequest.newBuilder(PROVIDER.uri(path)).GET().build());
			}
			Map<String, List<String>> filled = new LinkedHashMap<>();
			this.form.forEach((name, values) -> filled.put(name,
					values.stream().map(value -> placeholders.getOrDefault(value, value)).toList()));
			String[] credentials = this.user.split(":", 2);
			return backChannel.postBasic(path, credentials[0], credentials[1], filled);
		}

	}

}
