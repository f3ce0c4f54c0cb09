package dev.failsafe.idp.server.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.server.testing.ClientAddresses;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.UserAgent;
import dev.failsafe.idp.server.users.UserDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.failsafe.idp.server.admin.AdminCalls.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's user operations over HTTP, and the security events: disabling, deleting, a new
 * password and an explicit revocation end the user's sessions and revoke its tokens; the refresh
 * grant refuses a user who is gone or disabled even when nothing was revoked.
 */
class AdminUsersApiTest extends ProviderIntegrationTest {

	private static final String PASSWORD = "first-password-1";


	@Autowired
	private UserDirectory directory;

	private final AdminCalls admin = new AdminCalls(PROVIDER, this.backChannel);

	@Test
	void userWhenCreatedShownUpdatedListedThenViewsFollowAndNoPasswordShown() {
		String username = username();
		BackChannel.Reply created = admin("POST", "/admin/users", """
				{"username":"%s","password":"%s","claims":{"name":"Paula Partner","email":"paula@example.com",
				 "email_verified":true}}""".formatted(username, PASSWORD));
		assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
		assertThat(created.json()).containsEntry("username", username).containsEntry("enabled", true)
			.containsKey("updatedAt");
		assertThat(created.raw().body()).doesNotContain(PASSWORD).doesNotContain("{bcrypt}").doesNotContain("password");
		assertThat(claims(created)).containsEntry("name", "Paula Partner").containsEntry("email_verified", true);
		BackChannel.Reply withNull = admin("POST", "/admin/users", """
				{"username":"%s","password":"%s","claims":{"name":null,"email_verified":null}}""".formatted(username(),
				PASSWORD));
		assertThat(withNull.status()).as("a null claim is no claim").isEqualTo(201);
		assertThat(claims(withNull)).doesNotContainKey("name").containsEntry("email_verified", false);

		BackChannel.Reply updated = admin("PUT", "/admin/users/" + username, """
				{"claims":{"name":"Paula P.","email":null,"email_verified":null,"locale":"de"}}""");
		assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
		assertThat(claims(updated)).containsEntry("name", "Paula P.").containsEntry("locale", "de")
			.containsEntry("email_verified", false).doesNotContainKey("email");
		assertThat(claims(admin("GET", "/admin/users/" + username, null))).containsEntry("name", "Paula P.");

		BackChannel.Reply page = admin("GET", "/admin/users?limit=1", null);
		assertThat(page.status()).isEqualTo(200);
		assertThat((List<?>) page.json().get("users")).hasSize(1);
		assertThat(page.json().get("next")).isNotNull();
		BackChannel.Reply after = admin("GET", "/admin/users?after=" + page.json().get("next") + "&limit=500", null);
		assertThat(after.raw().body()).contains(username);
		assertThat(userSignsIn(username, PASSWORD)).isTrue();
	}

	@Test
	void createWhenInputBreaksARuleThenProblemAndNothingStored() {
		assertProblem(create(Demo.SHOP, PASSWORD), 409);
		assertProblem(create(Demo.USERNAME, PASSWORD), 409);
		assertProblem(create("bad name!", PASSWORD), 400);
		assertProblem(create("x".repeat(101), PASSWORD), 400);
		assertProblem(create(username(), "short"), 400);
		assertProblem(create(username(), "x".repeat(129)), 400);
		assertProblem(admin("POST", "/admin/users", """
				{"username":"%s","password":"%s","claims":{"password_hash":"{noop}x"}}""".formatted(username(), PASSWORD)),
				400);
		assertProblem(admin("POST", "/admin/users", """
				{"username":"%s","password":"%s","claims":{"email_verified":"yes"}}""".formatted(username(), PASSWORD)),
				400);
		assertProblem(admin("POST", "/admin/users", """
				{"username":"%s","password":"%s","claims":{"name":"%s"}}""".formatted(username(), PASSWORD,
				"n".repeat(201))), 400);
		assertProblem(admin("POST", "/admin/users", "{\"username\":"), 400);
		assertProblem(admin("GET", "/admin/users?limit=0", null), 400);
		assertProblem(admin("GET", "/admin/users?limit=lots", null), 400);
		assertThat(this.directory.exists("bad name!")).isFalse();
		assertThat(this.directory.exists(Demo.SHOP)).isFalse();
		for (String[] call : new String[][] { { "GET", "" }, { "PUT", "" }, { "POST", "/enable" },
				{ "POST", "/disable" }, { "DELETE", "" }, { "PUT", "/password" }, { "POST", "/revoke-sessions" } }) {
			String body = call[1].equals("/password") ? "{\"password\":\"" + PASSWORD + "\"}"
					: call[0].equals("PUT") ? "{\"claims\":{}}" : null;
			assertProblem(admin(call[0], "/admin/users/nobody-" + UUID.randomUUID() + call[1], body), 404);
		}
	}

	@Test
	void disableWhenUserSignedInWithTokensThenSessionEndedTokensRevokedAndSignInRefused() {
		String username = newUser();
		SignedIn user = signIn(username, PASSWORD);

		BackChannel.Reply disabled = admin("POST", "/admin/users/" + username + "/disable", null);
		assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
		assertThat(disabled.json()).containsEntry("username", username)
			.containsEntry("sessionsEnded", 1)
			.containsEntry("authorizationsRevoked", 1);
		assertRevoked(user);
		HttpResponse<String> login = browser().submitLogin(username, PASSWORD);
		assertThat(UserAgent.location(login)).endsWith("/login?disabled");
		assertThat(admin("GET", "/admin/users/" + username, null).json()).containsEntry("enabled", false);

		assertThat(admin("POST", "/admin/users/" + username + "/enable", null).json()).containsEntry("enabled", true);
		assertThat(userSignsIn(username, PASSWORD)).isTrue();
	}

	@Test
	void setPasswordThenEarlierSessionsAndTokensRevokedAndOnlyTheNewPasswordWorks() {
		String username = newUser();
		SignedIn user = signIn(username, PASSWORD);
		BackChannel.Reply changed = admin("PUT", "/admin/users/" + username + "/password",
				"{\"password\":\"second-password-2\"}");
		assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
		assertThat(changed.json()).containsEntry("sessionsEnded", 1).containsEntry("authorizationsRevoked", 1);
		assertRevoked(user);
		assertThat(userSignsIn(username, PASSWORD)).isFalse();
		assertThat(userSignsIn(username, "second-password-2")).isTrue();
		assertProblem(admin("PUT", "/admin/users/" + username + "/password", "{\"password\":\"short\"}"), 400);
	}

	@Test
	void revokeSessionsThenSignedOutEverywhereAndAccountUnchanged() {
		String username = newUser();
		SignedIn first = signIn(username, PASSWORD);
		SignedIn second = signIn(username, PASSWORD);
		BackChannel.Reply revoked = admin("POST", "/admin/users/" + username + "/revoke-sessions", null);
		assertThat(revoked.json()).containsEntry("sessionsEnded", 2).containsEntry("authorizationsRevoked", 2);
		assertRevoked(first);
		assertRevoked(second);
		assertThat(userSignsIn(username, PASSWORD)).isTrue();
	}

	@Test
	void deleteThenGoneTokensRevokedAndANewUserOfThatNameInheritsNoConsent() {
		String username = newUser();
		SignedIn user = signIn(username, PASSWORD);
		BackChannel.Reply deleted = admin("DELETE", "/admin/users/" + username, null);
		assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(200);
		assertThat(deleted.json()).containsEntry("sessionsEnded", 1).containsEntry("authorizationsRevoked", 1);
		assertRevoked(user);
		assertProblem(admin("GET", "/admin/users/" + username, null), 404);
		assertProblem(admin("DELETE", "/admin/users/" + username, null), 404);

		assertThat(create(username, PASSWORD).status()).isEqualTo(201);
		UserAgent agent = newUserAgent();
		agent.get(CodeFlow.authorizeUrl(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid profile", Pkce.create(),
				"s", "n"));
		HttpResponse<String> login = agent.submitLogin(username, PASSWORD);
		assertThat(UserAgent.location(agent.get(UserAgent.location(login)))).as("asked for consent again")
			.contains("/oauth2/consent");
	}

	@Test
	void refreshWhenUserDisabledOrDeletedWithoutRevocationThenInvalidGrant() {
		String disabled = newUser();
		SignedIn disabledUser = signIn(disabled, PASSWORD);
		String deleted = newUser();
		SignedIn deletedUser = signIn(deleted, PASSWORD);
		// Behind the API's back: nothing is revoked, only the directory changes.
		this.directory.setEnabled(disabled, false);
		this.directory.delete(deleted);
		for (SignedIn user : List.of(disabledUser, deletedUser)) {
			BackChannel.Reply refresh = refresh(user);
			assertThat(refresh.status()).isEqualTo(400);
			assertThat(refresh.json()).containsEntry("error", "invalid_grant").doesNotContainKey("access_token");
		}
		this.directory.setEnabled(disabled, true);
		assertThat(refresh(disabledUser).status()).as("the family was not spent by the refusal").isEqualTo(200);
	}

	/** A signed-in browser and the tokens it got for the demo shop. */
	private record SignedIn(CodeFlow flow, String accessToken, String refreshToken) {
	}

	private SignedIn signIn(String username, String password) {
		CodeFlow flow = codeFlow(newUserAgent());
		Pkce pkce = Pkce.create();
		String code = flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, "openid profile", pkce, "s", "n",
				username, password).get("code");
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		return new SignedIn(flow, tokens.string("access_token"), tokens.string("refresh_token"));
	}

	private void assertRevoked(SignedIn user) {
		assertThat(user.flow().signedIn()).as("login session ended").isFalse();
		assertThat(refresh(user).json()).containsEntry("error", "invalid_grant");
		assertThat(introspect(user.accessToken()).json()).containsEntry("active", false);
		assertThat(this.backChannel.getBearer("/userinfo", user.accessToken()).status()).isEqualTo(401);
	}

	private boolean userSignsIn(String username, String password) {
		return !UserAgent.location(browser().submitLogin(username, password)).contains("/login");
	}

	/**
	 * A browser at an address of its own (through the trusted proxy), so the failed sign-ins these
	 * tests make on purpose never count against the address every other test signs in from.
	 */
	private static UserAgent browser() {
		return new UserAgent(PROVIDER, ClientAddresses.next());
	}

	private BackChannel.Reply refresh(SignedIn user) {
		return user.flow().refresh(Demo.SHOP, Demo.SHOP_SECRET, user.refreshToken());
	}

	private BackChannel.Reply introspect(String token) {
		return this.backChannel.postBasic("/oauth2/introspect", Demo.SHOP, Demo.SHOP_SECRET,
				Map.of("token", List.of(token)));
	}

	private String newUser() {
		String username = username();
		assertThat(create(username, PASSWORD).status()).isEqualTo(201);
		return username;
	}

	private BackChannel.Reply create(String username, String password) {
		return admin("POST", "/admin/users",
				"{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> claims(BackChannel.Reply user) {
		return (Map<String, Object>) user.json().get("claims");
	}

	private static String username() {
		return "user-" + UUID.randomUUID();
	}

	private BackChannel.Reply admin(String method, String path, String json) {
		return this.admin.asDemoAdmin(method, path, json);
	}

}
