package dev.failsafe.idp.server.clients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The registration rules, element by element: what passes, what is refused and which member is named. */
class ClientSpecRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example/cb", "https://app.example:8443/cb?x=1", "https://127.0.0.1/cb",
			"https://app.example/cb%2Cother", "http://127.0.0.1:8081/cb", "http://[::1]:8081/cb" })
	void checkWhenWebRedirectUriIsHttpsOrLoopbackThenAccepted(String uri) {
		assertThatNoException().isThrownBy(() -> ClientSpecRules.check(web(uri)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"https://app.example/cb,http://attacker.example/cb | must not contain ','",
			"http://localhost:8081/cb                          | must use https",
			"http://app.example/cb                             | must use https",
			"https://app.example/cb#fragment                   | without user info or fragment",
			"https://user@app.example/cb                       | without user info or fragment",
			"/relative/cb                                      | absolute URI with a host",
			"https:///cb                                       | absolute URI with a host",
			"https://app.example/c b                           | printable ASCII",
			"https://app.example/cé                            | printable ASCII",
			"https://app.example/cb\\x                         | not a well-formed URI",
			"https://app.example:99999/cb                      | absolute URI with a host",
			"javascript:alert(1)                               | absolute URI with a host",
			"com.example.app:/callback                         | absolute URI with a host" })
	void checkWhenWebRedirectUriUnsafeThenRefusedNamingTheElement(String uri, String reason) {
		assertRefused(web("https://first.example/cb", uri), "redirectUris[1]", reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/callback", "http://127.0.0.1:51234/callback", "http://[::1]/callback",
			"https://app.example/callback", "com.example.app:/callback" })
	void checkWhenNativeRedirectUriIsLoopbackHttpsOrPrivateUseSchemeThenAccepted(String uri) {
		assertThatNoException().isThrownBy(() -> ClientSpecRules.check(nativeApp(uri)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost/callback", "http://127.0.0.2/callback", "http://app.example/callback",
			"http://10.0.0.1/callback" })
	void checkWhenNativeRedirectUriIsPlainHttpElsewhereThenRefused(String uri) {
		assertRefused(nativeApp(uri), "redirectUris[0]", "127.0.0.1 or [::1]");
	}

	@Test
	void checkWhenPostLogoutRedirectUriUnsafeThenRefusedLikeRedirectUris() {
		ClientSpec spec = new ClientSpec("c", "C", true, List.of("authorization_code"), List.of("https://a.example/cb"),
				List.of("https://a.example/out", "https://a.example/out,https://b.example/"), List.of("openid"), true,
				null, false, null);
		assertRefused(spec, "postLogoutRedirectUris[1]", "must not contain ','");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "openid,admin | scopes[0]", "'' | scopes[0]", "'a b' | scopes[0]",
			"'a\"b' | scopes[0]", "a\\b | scopes[0]", "é | scopes[0]" })
	void checkWhenScopeIsNoScopeTokenThenRefused(String scope, String field) {
		ClientSpec spec = service(List.of(scope));
		assertRefused(spec, field, "scope token");
	}

	@Test
	void checkWhenListElementNullThenRefusedNamingIt() {
		assertRefused(service(Arrays.asList("orders.read", null)), "scopes[1]", "not null");
		assertRefused(new ClientSpec("c", "C", true, Arrays.asList("client_credentials", null), List.of(), List.of(),
				List.of(), true, null, false, null), "grantTypes[1]", "not null");
		assertRefused(web("https://a.example/cb", null), "redirectUris[1]", "not null");
	}

	@Test
	void checkWhenListsLongerThanTheirColumnThenRefused() {
		List<String> uris = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			uris.add("https://app.example/callback/" + i);
		}
		assertRefused(web(uris.toArray(String[]::new)), "redirectUris", "at most 1000 characters");
		List<String> scopes = new ArrayList<>();
		for (int i = 0; i < 110; i++) {
			scopes.add("scope.number" + i);
		}
		assertRefused(service(scopes), "scopes", "at most 1000 characters");
	}

	@Test
	void checkWhenAdminScopeWithoutOperatorOrOperatorWithUserFlowThenRefused() {
		assertRefused(service(List.of("admin")), "scopes", "only for operator clients");
		assertRefused(new ClientSpec("c", "C", true, List.of("client_credentials", "authorization_code"),
				List.of("https://a.example/cb"), List.of(), List.of("admin"), true, null, true, null), "operator",
				"client_credentials as its only grant type");
		assertRefused(new ClientSpec("c", "C", true, List.of("client_credentials", "refresh_token"), List.of(), List.of(),
				List.of("admin"), true, null, true, null), "operator", "client_credentials as its only grant type");
		assertThatNoException().isThrownBy(() -> ClientSpecRules.check(new ClientSpec("c", "C", true,
				List.of("client_credentials"), List.of(), List.of(), List.of("admin", "orders.read"), true, null, true,
				null)));
	}

	@Test
	void checkWhenApplicationTypeUnknownOrNativeConfidentialThenRefused() {
		assertRefused(new ClientSpec("c", "C", false, List.of("authorization_code"), List.of("https://a.example/cb"),
				List.of(), List.of(), true, null, false, "desktop"), "applicationType", "web or native");
		assertRefused(new ClientSpec("c", "C", true, List.of("authorization_code"), List.of("https://a.example/cb"),
				List.of(), List.of(), true, null, false, "native"), "applicationType", "public");
		assertThat(ClientSpecRules.check(nativeApp("http://127.0.0.1/cb"))).isEqualTo(ApplicationType.NATIVE);
		assertThat(ClientSpecRules.check(web("https://a.example/cb"))).isEqualTo(ApplicationType.WEB);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://shop.example/logout/back-channel", "https://shop.example:8443/bcl?tenant=a,b",
			"http://127.0.0.1:8081/logout/connect/back-channel/demo", "http://[::1]:9/bcl" })
	void checkWhenBackChannelLogoutUriIsHttpsOrLoopbackThenAccepted(String uri) {
		assertThatNoException().isThrownBy(() -> ClientSpecRules.check(withBackChannelLogout(uri, true)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://shop.example/bcl|https", "https://shop.example/bcl#f|fragment",
			"/relative|absolute", "https://user@shop.example/bcl|user info", "https://shop.example/a b|printable",
			"http://localhost:8081/bcl|https", "javascript:alert(1)|absolute URI with a host" })
	void checkWhenBackChannelLogoutUriUnsafeThenRefusedNamingIt(String uri, String reason) {
		assertRefused(withBackChannelLogout(uri, false), "backchannelLogoutUri", reason);
	}

	@Test
	void checkWhenBackChannelLogoutForNativeAppOrWithoutUserSignInOrTooLongThenRefused() {
		assertRefused(new ClientSpec("c", "C", false, List.of("authorization_code"), List.of("http://127.0.0.1/cb"),
				List.of(), List.of(), true, null, false, "native", "https://a.example/bcl", false),
				"backchannelLogoutUri", "web clients");
		assertRefused(new ClientSpec("c", "C", true, List.of("client_credentials"), List.of(), List.of(), List.of(),
				true, null, false, null, "https://a.example/bcl", false), "backchannelLogoutUri", "authorization_code");
		assertRefused(withBackChannelLogout("https://a.example/" + "x".repeat(1000), false), "backchannelLogoutUri",
				"1000");
		assertRefused(new ClientSpec("c", "C", true, List.of("authorization_code"), List.of("https://a.example/cb"),
				List.of(), List.of(), true, null, false, null, null, true), "backchannelLogoutSessionRequired",
				"backchannelLogoutUri");
	}

	private static ClientSpec withBackChannelLogout(String uri, boolean sessionRequired) {
		return new ClientSpec("c", "C", true, List.of("authorization_code"), List.of("https://a.example/cb"), List.of(),
				List.of("openid"), true, null, false, null, uri, sessionRequired);
	}

	private static ClientSpec web(String... redirectUris) {
		return new ClientSpec("c", "C", true, List.of("authorization_code"), Arrays.asList(redirectUris), List.of(),
				List.of("openid"), true, null, false, null);
	}

	private static ClientSpec nativeApp(String redirectUri) {
		return new ClientSpec("c", "C", false, List.of("authorization_code"), List.of(redirectUri), List.of(),
				List.of("openid"), true, null, false, "native");
	}

	private static ClientSpec service(List<String> scopes) {
		return new ClientSpec("c", "C", true, List.of("client_credentials"), List.of(), List.of(), scopes, true, null,
				false, null);
	}

	private static void assertRefused(ClientSpec spec, String field, String reason) {
		assertThatExceptionOfType(InvalidClientRegistrationException.class).isThrownBy(() -> ClientSpecRules.check(spec))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo(field))
			.withMessageContaining(reason);
	}

}
