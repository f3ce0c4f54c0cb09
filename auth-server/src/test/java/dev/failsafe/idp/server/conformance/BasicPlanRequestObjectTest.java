package dev.failsafe.idp.server.conformance;

import java.net.http.HttpResponse;
import java.util.Base64;

import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules about request objects ({@code request}, {@code request_uri}; RFC 9101,
 * OIDC Core section 6): processed correctly or refused as unsupported, never ignored.
 */
class BasicPlanRequestObjectTest extends ConformanceSupport {

	/**
	 * oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported: a request_uri
	 * pointing at a URL; we never fetch one, so request_uri_not_supported, never a code.
	 */
	@Test
	void oidcc_request_uri_unsigned_supported_correctly_or_rejected_as_unsupported() {
		AuthorizationRequest request = request("openid").with("request_uri", "https://rp.example/request.jwt");
		HttpResponse<String> response = newUserAgent().get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsEntry("error", "request_uri_not_supported")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

	/**
	 * oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported: an unsigned
	 * request object (alg none) whose claims contradict the query is never ignored: refused, never a
	 * code for the query's parameters.
	 */
	@Test
	void oidcc_unsigned_request_object_supported_correctly_or_rejected_as_unsupported() {
		String claims = "{\"iss\":\"" + RP + "\",\"aud\":\"" + PROVIDER.issuer() + "\",\"response_type\":\"code\","
				+ "\"client_id\":\"" + RP + "\",\"scope\":\"openid email\",\"redirect_uri\":\"" + REDIRECT_URI
				+ "\",\"state\":\"from-the-object\"}";
		AuthorizationRequest request = request("openid").with("request", unsigned(claims));
		UserAgent browser = newUserAgent();
		signIn(browser, request("openid"));
		HttpResponse<String> response = browser.get(request.url());
		assertThat(redirectedToClient(response, REDIRECT_URI)).containsKey("error").doesNotContainKey("code");
		assertThat(redirectedToClient(response, REDIRECT_URI).get("error")).isIn("request_not_supported",
				"invalid_request_object");
	}

	static String unsigned(String claimsJson) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + base64.encodeToString(claimsJson.getBytes())
				+ ".";
	}

}
