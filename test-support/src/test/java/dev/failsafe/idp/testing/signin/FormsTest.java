package dev.failsafe.idp.testing.signin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FormsTest {

	@Test
	void encodeQueryParameterWhenReservedAndNonAsciiCharactersThenOnlyThoseAreEscaped() {
		assertThat(Forms.encodeQueryParameter("openid profile")).isEqualTo("openid%20profile");
		assertThat(Forms.encodeQueryParameter("http://127.0.0.1:8081/cb?x=1&y")).isEqualTo("http://127.0.0.1:8081/cb?x%3D1%26y");
		assertThat(Forms.encodeQueryParameter("é")).isEqualTo("%C3%A9");
		assertThat(Forms.encodeQueryParameter("a-b_c.d~e")).isEqualTo("a-b_c.d~e");
	}

	@Test
	void queryParametersWhenARedirectCarriesACodeThenItsParametersAreDecodedFirstValueWins() {
		Map<String, String> query = Forms
			.queryParameters("http://127.0.0.1:8081/cb?code=a%2Fb&state=s%20t&iss=http%3A%2F%2F127.0.0.1&code=x#frag");

		assertThat(query).containsExactly(Map.entry("code", "a/b"), Map.entry("state", "s t"),
				Map.entry("iss", "http://127.0.0.1"));
	}

	@Test
	void encodeWhenNamesRepeatThenEachPairIsEncoded() {
		assertThat(Forms.encode(Map.of("scope", List.of("openid", "orders.read"))))
			.isEqualTo("scope=openid&scope=orders.read");
	}

	@Test
	void hiddenFieldWhenPresentThenUnescapedElseRefused() {
		String html = "<input type=\"hidden\" name=\"state\" value=\"a&amp;b\"><input name=\"_csrf\" value=\"t1\">";

		assertThat(Forms.hiddenField(html, "state")).isEqualTo("a&b");
		assertThat(Forms.csrfToken(html)).isEqualTo("t1");
		assertThatExceptionOfType(Refused.class).isThrownBy(() -> Forms.hiddenField(html, "client_id"));
	}

	@Test
	void authorizeUrlWhenPkceThenS256ChallengeOfTheVerifier() {
		Pkce pkce = new Pkce("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

		assertThat(pkce.challenge()).as("RFC 7636 appendix B").isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		assertThat(CodeFlow.authorizeUrl("demo-shop", "http://127.0.0.1:8081/cb", "openid email", pkce, "s", "n"))
			.isEqualTo("/oauth2/authorize?response_type=code&client_id=demo-shop&redirect_uri=http://127.0.0.1:8081/cb"
					+ "&scope=openid%20email&state=s&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
					+ "&code_challenge_method=S256");
	}

}
