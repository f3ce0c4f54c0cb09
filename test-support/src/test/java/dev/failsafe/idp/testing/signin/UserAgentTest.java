package dev.failsafe.idp.testing.signin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.failsafe.idp.testing.provider.Provider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cookies and redirects as a browser handles them, against a real HTTP server on loopback. */
class UserAgentTest {

	private final List<String> cookiesSeen = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private Provider provider;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", exchange -> {
			this.cookiesSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")));
			switch (exchange.getRequestURI().getPath()) {
				case "/set" -> {
					exchange.getResponseHeaders().add("Set-Cookie", "IDPSESSION=abc; Path=/; HttpOnly");
					exchange.getResponseHeaders().add("Set-Cookie", "OLD=1; Path=/");
				}
				case "/expire" -> exchange.getResponseHeaders().add("Set-Cookie", "OLD=; Max-Age=0; Path=/");
				case "/redirect" -> exchange.getResponseHeaders().add("Location", "/elsewhere?code=a%2Fb&state=s");
				default -> {
				}
			}
			exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/redirect") ? 302 : 200, -1);
			exchange.close();
		});
		this.server.start();
		this.provider = Provider.at("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void getWhenServerSetsAndExpiresCookiesThenSendsTheLiveOnesBackOnly() {
		UserAgent agent = new UserAgent(this.provider);

		agent.get("/set");
		agent.get("/check");
		agent.get("/expire");
		agent.get("/check");

		assertThat(this.cookiesSeen.get(1)).contains("IDPSESSION=abc").contains("OLD=1");
		assertThat(this.cookiesSeen.get(3)).contains("IDPSESSION=abc").doesNotContain("OLD");
		assertThat(agent.cookie("IDPSESSION")).contains("abc");
	}

	@Test
	void agentsWhenSharingOneClientThenEachKeepsItsOwnCookies() {
		HttpClient shared = UserAgent.newClient();
		UserAgent signedIn = new UserAgent(this.provider, shared);
		UserAgent stranger = new UserAgent(this.provider, shared);

		signedIn.get("/set");
		stranger.get("/check");

		assertThat(this.cookiesSeen.get(1)).isEqualTo("null");
	}

	@Test
	void getWhenRedirectedThenNotFollowedAndTheTargetsParametersAreDecoded() {
		var response = new UserAgent(this.provider).get("/redirect");

		assertThat(UserAgent.isRedirect(response)).isTrue();
		assertThat(UserAgent.redirectParameters(response)).isEqualTo(Map.of("code", "a/b", "state", "s"));
	}

}
