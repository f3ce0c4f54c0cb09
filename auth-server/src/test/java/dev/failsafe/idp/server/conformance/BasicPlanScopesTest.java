package dev.failsafe.idp.server.conformance;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The basic plan's modules about the claims each scope releases and the {@code claims} parameter
 * (OIDC Core sections 5.4 and 5.5): what the UserInfo endpoint answers.
 */
class BasicPlanScopesTest extends ConformanceSupport {

	/** Alice's phone number, as the demo tenant seeds it. */
	private static final String PHONE_NUMBER = "+82 2 1234 5678";

	/** Alice's address, as the demo tenant seeds it. */
	private static final Map<String, Object> ADDRESS = Map.of("street_address", "1 Example-ro", "locality",
			"Seongnam", "region", "Gyeonggi-do", "postal_code", "13494", "country", "KR", "formatted",
			"1 Example-ro, Seongnam, Gyeonggi-do 13494, KR");

	/** oidcc-scope-profile: the profile claims alice has. */
	@Test
	void oidcc_scope_profile() {
		assertThat(userInfoFor("openid profile")).containsEntry("name", "Alice Example")
			.containsEntry("given_name", "Alice")
			.containsEntry("family_name", "Example")
			.containsEntry("preferred_username", Demo.USERNAME)
			.containsEntry("locale", "en")
			.containsKey("updated_at")
			.doesNotContainKeys("email", "address", "phone_number");
	}

	/** oidcc-scope-email: email and email_verified. */
	@Test
	void oidcc_scope_email() {
		assertThat(userInfoFor("openid email")).containsEntry("email", "alice@example.com")
			.containsEntry("email_verified", true)
			.doesNotContainKeys("name", "address", "phone_number");
	}

	/** oidcc-scope-address: the address claim, a JSON object (section 5.1.1). */
	@Test
	void oidcc_scope_address() {
		Map<String, Object> claims = userInfoFor("openid address");
		assertThat(claims).containsEntry("address", ADDRESS).doesNotContainKeys("name", "email");
	}

	/** oidcc-scope-phone: phone_number and phone_number_verified. */
	@Test
	void oidcc_scope_phone() {
		assertThat(userInfoFor("openid phone")).containsEntry("phone_number", PHONE_NUMBER)
			.containsEntry("phone_number_verified", true)
			.doesNotContainKeys("name", "email", "address");
	}

	/** oidcc-scope-all: every standard scope at once. */
	@Test
	void oidcc_scope_all() {
		assertThat(userInfoFor(ALL_SCOPES)).containsKeys("sub", "name", "email", "email_verified", "address",
				"phone_number", "phone_number_verified");
	}

	/** oidcc-ensure-other-scope-order-succeeds: scope values in another order (openid not first). */
	@Test
	void oidcc_ensure_other_scope_order_succeeds() {
		assertThat(userInfoFor("email openid")).containsEntry("email", "alice@example.com");
	}

	/**
	 * oidcc-claims-essential: {@code name} asked for as essential at the UserInfo endpoint, with
	 * only the openid scope: userinfo has it, the ID token does not.
	 */
	@Test
	void oidcc_claims_essential() throws Exception {
		Tokens tokens = signIn(newUserAgent(),
				request("openid").with("claims", "{\"userinfo\":{\"name\":{\"essential\":true}}}"));
		BackChannel.Reply userInfo = userInfo(tokens.accessToken());
		assertThat(userInfo.json()).containsEntry("name", "Alice Example").doesNotContainKey("email");
		assertThat(tokens.idTokenClaims().getClaims()).doesNotContainKey("name");
	}

	/** The claims parameter's id_token member: the claim goes into the ID token. */
	@Test
	void claimsParameterWhenIdTokenMemberThenClaimInIdToken() throws Exception {
		Tokens tokens = signIn(newUserAgent(),
				request("openid").with("claims", "{\"id_token\":{\"email\":null,\"no_such_claim\":null}}"));
		JWTClaimsSet id = tokens.idTokenClaims();
		assertThat(id.getStringClaim("email")).isEqualTo("alice@example.com");
		assertThat(id.getClaims()).doesNotContainKey("no_such_claim");
		assertThat(userInfo(tokens.accessToken()).json()).doesNotContainKey("email");
	}

	private Map<String, Object> userInfoFor(String scope) {
		Tokens tokens = signIn(newUserAgent(), request(scope));
		BackChannel.Reply userInfo = userInfo(tokens.accessToken());
		assertThat(userInfo.status()).as(userInfo.raw().body()).isEqualTo(200);
		assertThat(userInfo.json()).containsEntry("sub", Demo.USERNAME);
		return userInfo.json();
	}

}
