package dev.failsafe.idp.server.device;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.admin.AdminCalls;
import dev.failsafe.idp.server.users.UserDirectory;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Forms;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device grant (RFC 8628; OAuth scopes, not OpenID Connect's: Spring's authorization server
 * refuses {@code openid} there) end to end with the demo tenant's TV (a public client): the device
 * asks, the user signs in on our {@code /device} page, confirms the code on the consent page (every
 * time), and the device's polling turns into tokens; a wrong code, a denial and a client not
 * registered for the grant get their protocol answers. The grant belongs to the user who approved
 * it: disabling the user revokes it, and a disabled user's device code gets nothing.
 */
class DeviceFlowTest extends ProviderIntegrationTest {

	private static final String GRANT = "urn:ietf:params:oauth:grant-type:device_code";

	private static final String PASSWORD = "device-owner-password-1";

	@Autowired
	private UserDirectory directory;

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Test
	void deviceWhenUserApprovesOnTheDevicePageThenPollingGivesTokens() throws Exception {
		BackChannel.Reply device = deviceAuthorization(Demo.TV);
		assertThat(device.status()).as(device.raw().body()).isEqualTo(200);
		assertThat(device.string("verification_uri")).isEqualTo(PROVIDER.issuer() + "/device");
		assertThat(device.string("verification_uri_complete")).startsWith(PROVIDER.issuer() + "/device?user_code=");
		assertThat(poll(device.string("device_code")).json()).containsEntry("error", "authorization_pending");

		UserAgent browser = newUserAgent();
		HttpResponse<String> toLogin = browser.get(device.string("verification_uri_complete"));
		assertThat(browser.isLoginPage(UserAgent.location(toLogin))).as(UserAgent.location(toLogin)).isTrue();
		HttpResponse<String> back = browser.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		HttpResponse<String> page = browser.get(UserAgent.location(back));
		assertThat(page.body()).contains("value=\"" + device.string("user_code") + "\"");

		HttpResponse<String> consent = browser.get(UserAgent.location(submitCode(browser, page.body(),
				device.string("user_code"))));
		assertThat(consent.body()).contains(device.string("user_code")).contains("Demo TV");
		HttpResponse<String> done = browser.get(UserAgent.location(answer(browser, consent.body(), true)));
		assertThat(done.body()).contains("id=\"device-result\"").contains("Your device is connected.");

		BackChannel.Reply tokens = poll(device.string("device_code"));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.json()).containsKeys("access_token", "refresh_token");
		JWTClaimsSet access = SignedJWT.parse(tokens.string("access_token")).getJWTClaimsSet();
		assertThat(access.getSubject()).isEqualTo(Demo.USERNAME);
		assertThat(access.getStringClaim("client_id")).isEqualTo(Demo.TV);
		assertThat(poll(device.string("device_code")).status()).as("a device code serves once").isEqualTo(400);
	}

	@Test
	void deviceWhenItsUserIsDisabledThroughTheAdminApiThenItsGrantIsRevoked() {
		String username = newUser();
		BackChannel.Reply device = deviceAuthorization(Demo.TV);
		approve(device, username);
		BackChannel.Reply tokens = poll(device.string("device_code"));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(introspect(tokens.string("access_token")).json()).containsEntry("active", true);

		BackChannel.Reply disabled = this.admin.asDemoAdmin("POST", "/admin/users/" + username + "/disable", null);
		assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
		assertThat(disabled.json()).as("found under the user, not the device's client")
			.containsEntry("authorizationsRevoked", 1);

		BackChannel.Reply refresh = this.backChannel.postBasic("/oauth2/token", null, null,
				Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(tokens.string("refresh_token")),
						"client_id", List.of(Demo.TV)));
		assertThat(refresh.status()).as(refresh.raw().body()).isEqualTo(400);
		assertThat(refresh.json()).containsEntry("error", "invalid_grant").doesNotContainKey("access_token");
		assertThat(introspect(tokens.string("access_token")).json()).as("revoked, not only refused")
			.containsEntry("active", false);
	}

	@Test
	void deviceCodeWhenItsUserWasDisabledAfterApprovingThenInvalidGrantAndTheCodeNotSpent() {
		String username = newUser();
		BackChannel.Reply device = deviceAuthorization(Demo.TV);
		approve(device, username);
		// Behind the API's back: nothing is revoked, only the directory changes.
		this.directory.setEnabled(username, false);
		BackChannel.Reply refused = poll(device.string("device_code"));
		assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
		assertThat(refused.json()).containsEntry("error", "invalid_grant").doesNotContainKey("access_token");

		this.directory.setEnabled(username, true);
		BackChannel.Reply tokens = poll(device.string("device_code"));
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		assertThat(tokens.json()).containsKey("access_token");
	}

	@Test
	void deviceWhenCodeWrongOrDeniedThenPageSaysSoAndPollingIsRefused() {
		UserAgent browser = newUserAgent();
		browser.submitLogin(Demo.USERNAME, Demo.PASSWORD);
		HttpResponse<String> page = browser.get("/device");
		HttpResponse<String> wrong = submitCode(browser, page.body(), "NOPE-NOPE");
		assertThat(UserAgent.location(wrong)).endsWith("/device?error");
		assertThat(browser.get(UserAgent.location(wrong)).body()).contains("id=\"device-invalid\"");

		BackChannel.Reply device = deviceAuthorization(Demo.TV);
		HttpResponse<String> consent = browser.get(UserAgent.location(submitCode(browser, page.body(),
				device.string("user_code"))));
		HttpResponse<String> denied = answer(browser, consent.body(), false);
		assertThat(UserAgent.location(denied)).endsWith("/device/done?denied");
		assertThat(poll(device.string("device_code")).json()).containsEntry("error", "access_denied");
	}

	@Test
	void deviceAuthorizationWhenClientNotRegisteredForTheGrantThenRefused() {
		BackChannel.Reply spa = deviceAuthorization(Demo.SPA);
		assertThat(spa.status()).isEqualTo(401);
		assertThat(spa.json()).containsEntry("error", "invalid_client");
		BackChannel.Reply shop = this.backChannel.postBasic("/oauth2/device_authorization", Demo.SHOP,
				Demo.SHOP_SECRET, Map.of("scope", List.of("profile")));
		assertThat(shop.status()).isEqualTo(400);
		assertThat(shop.json()).containsEntry("error", "unauthorized_client");
	}

	/** {@code username} signs in on the device page and approves the device. */
	private void approve(BackChannel.Reply device, String username) {
		UserAgent browser = newUserAgent();
		browser.get(device.string("verification_uri_complete"));
		HttpResponse<String> page = browser.get(UserAgent.location(browser.submitLogin(username, PASSWORD)));
		HttpResponse<String> consent = browser.get(UserAgent.location(submitCode(browser, page.body(),
				device.string("user_code"))));
		HttpResponse<String> done = browser.get(UserAgent.location(answer(browser, consent.body(), true)));
		assertThat(done.body()).contains("id=\"device-result\"");
	}

	/** A new enabled user, created through the admin API, so disabling it disturbs no other test. */
	private String newUser() {
		String username = "device-user-" + UUID.randomUUID();
		BackChannel.Reply created = this.admin.asDemoAdmin("POST", "/admin/users",
				"{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, PASSWORD));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		return username;
	}

	private BackChannel.Reply introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", Demo.SHOP, Demo.SHOP_SECRET,
				Map.of("token", List.of(token)));
	}

	private BackChannel.Reply deviceAuthorization(String clientId) {
		return this.backChannel.postBasic("/oauth2/device_authorization", null, null,
				Map.of("client_id", List.of(clientId), "scope", List.of("profile orders.read")));
	}

	private BackChannel.Reply poll(String deviceCode) {
		return this.backChannel.postBasic("/oauth2/token", null, null, Map.of("grant_type", List.of(GRANT),
				"device_code", List.of(deviceCode), "client_id", List.of(Demo.TV)));
	}

	private static HttpResponse<String> submitCode(UserAgent browser, String devicePage, String userCode) {
		return browser.postForm("/oauth2/device_verification",
				Map.of("user_code", List.of(userCode), "_csrf", List.of(Forms.csrfToken(devicePage))));
	}

	/** Posts the consent page's form: every scope when approving, none when denying. */
	private static HttpResponse<String> answer(UserAgent browser, String consentPage, boolean approve) {
		Map<String, List<String>> form = new java.util.LinkedHashMap<>();
		form.put("client_id", List.of(Forms.hiddenField(consentPage, "client_id")));
		form.put("state", List.of(Forms.hiddenField(consentPage, "state")));
		form.put("user_code", List.of(Forms.hiddenField(consentPage, "user_code")));
		if (approve) {
			form.put("scope", Forms.scopes(consentPage));
		}
		form.put("_csrf", List.of(Forms.csrfToken(consentPage)));
		return browser.postForm("/oauth2/device_verification", form);
	}

}
