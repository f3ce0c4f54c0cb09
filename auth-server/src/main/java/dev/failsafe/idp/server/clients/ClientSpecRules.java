package dev.failsafe.idp.server.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The rules a {@link ClientSpec} must pass before anything is stored, each list checked element by
 * element. A refusal names the member at fault ({@code redirectUris[1]}) and says what to fix.
 *
 * <ul>
 * <li>Redirect and post-logout redirect URIs: printable ASCII, absolute, with a host, without user
 * info or fragment; https, or http on a loopback IP literal (RFC 8252 sections 7.3 and 8.3: any port
 * only for a native app, the exact one for a web client, as in development), or for a native app a
 * private-use scheme (RFC 8252 section 7.1). No comma: the directory keeps each list as one comma-separated column, so
 * {@code https://app.example/cb,http://attacker.example/cb} would come back as two URIs.</li>
 * <li>Scopes: RFC 6749 section 3.3 scope tokens (NQCHAR), without comma for the same reason.</li>
 * <li>Each list fits its column (1000 characters joined).</li>
 * <li>{@value OperatorClients#ADMIN_SCOPE} only for an operator, and an operator is a confidential
 * client with client_credentials only ({@link OperatorClients}).</li>
 * <li>A native app is a public client (RFC 8252 section 8.4: it cannot keep a secret).</li>
 * <li>Back-channel logout URI (OIDC Back-Channel Logout 1.0 section 2.2): one URI under the same
 * rules as a web client's redirect URIs (a query is allowed, no fragment), at most 1000 characters,
 * for a web client that signs users in ({@code authorization_code}): the provider calls it from the
 * server side, which a native app does not have. Requiring {@code sid} needs the URI.</li>
 * </ul>
 */
final class ClientSpecRules {

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

	/** NQCHAR (%x21 / %x23-5B / %x5D-7E) without the comma (%x2C). */
	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x5B\\x5D-\\x7E]{1,100}");

	private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");

	/** The width of the directory's list columns ({@code redirect_uris}, {@code scopes}, ...). */
	private static final int LIST_COLUMN_WIDTH = 1000;

	private static final int MAX_NAME_LENGTH = 200;

	private static final Set<String> LOOPBACK_LITERALS = Set.of("127.0.0.1", "[::1]");

	static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	private ClientSpecRules() {
	}

	static void checkNewId(String clientId) {
		require(clientId != null && CLIENT_ID.matcher(clientId).matches(), "clientId",
				"clientId must be 1 to 100 letters, digits, '.', '_' or '-'");
	}

	/** Checks every member of {@code spec}; the first rule broken is thrown. */
	static ApplicationType check(ClientSpec spec) {
		require(spec.clientName() != null && !spec.clientName().isBlank()
				&& spec.clientName().length() <= MAX_NAME_LENGTH, "clientName", "clientName must be 1 to 200 characters");
		ApplicationType type = applicationType(spec);
		checkGrantTypes(spec);
		boolean codeFlow = spec.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		require(!codeFlow || !spec.redirectUris().isEmpty(), "redirectUris",
				"authorization_code needs at least one redirect URI");
		checkUris("redirectUris", spec.redirectUris(), type);
		checkUris("postLogoutRedirectUris", spec.postLogoutRedirectUris(), type);
		checkScopes(spec);
		checkBackChannelLogout(spec, type, codeFlow);
		require(spec.signingAlgorithm() == null || SigningAlgorithm.named(spec.signingAlgorithm()).isPresent(),
				"signingAlgorithm", "signingAlgorithm must be one of " + Arrays.toString(SigningAlgorithm.values()));
		checkOperator(spec);
		return type;
	}

	private static ApplicationType applicationType(ClientSpec spec) {
		if (spec.applicationType() == null) {
			return ApplicationType.WEB;
		}
		ApplicationType type = ApplicationType.from(spec.applicationType())
			.orElseThrow(() -> new InvalidClientRegistrationException("applicationType",
					"applicationType must be web or native"));
		require(type != ApplicationType.NATIVE || !spec.confidential(), "applicationType",
				"a native app cannot keep a secret (RFC 8252 section 8.4): register it with clientType public");
		return type;
	}

	private static void checkGrantTypes(ClientSpec spec) {
		require(!spec.grantTypes().isEmpty(), "grantTypes", "grantTypes must name at least one grant type");
		each("grantTypes", spec.grantTypes(), (field, grant) -> require(GRANT_TYPES.contains(grant), field,
				field + " must be one of authorization_code, refresh_token, client_credentials"));
		require(spec.confidential()
				|| !spec.grantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()), "grantTypes",
				"a public client cannot use client_credentials");
	}

	private static void checkUris(String name, List<String> uris, ApplicationType type) {
		each(name, uris, (field, uri) -> checkUri(field, uri, type, false));
		require(String.join(",", uris).length() <= LIST_COLUMN_WIDTH, name,
				name + " must be at most " + LIST_COLUMN_WIDTH + " characters together");
	}

	/**
	 * @param ownColumn whether the URI has a column of its own (a comma is harmless there, unlike in
	 * the comma-separated list columns)
	 */
	private static void checkUri(String field, String value, ApplicationType type, boolean ownColumn) {
		require(PRINTABLE_ASCII.matcher(value).matches(), field,
				field + " must be printable ASCII without spaces (percent-encode the rest)");
		require(ownColumn || value.indexOf(',') < 0, field, field + " must not contain ',' (percent-encode it as %2C)");
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new InvalidClientRegistrationException(field, field + " is not a well-formed URI");
		}
		if (type == ApplicationType.NATIVE && isPrivateUseScheme(uri)) {
			return;
		}
		require(uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
				&& uri.getRawFragment() == null && uri.getPort() <= 65535, field,
				field + " must be an absolute URI with a host, without user info or fragment");
		boolean loopbackHttp = "http".equals(uri.getScheme()) && LOOPBACK_LITERALS.contains(uri.getHost());
		require("https".equals(uri.getScheme()) || loopbackHttp, field, field
				+ " must use https, or http on 127.0.0.1 or [::1] (a loopback redirect, RFC 8252 sections 7.3 and "
				+ "8.3; not localhost)");
	}

	/**
	 * A native app's private-use URI scheme (RFC 8252 section 7.1): a reverse domain name such as
	 * {@code com.example.app:/callback}, never one a browser would run or fetch.
	 */
	private static boolean isPrivateUseScheme(URI uri) {
		return uri.isAbsolute() && uri.getScheme().indexOf('.') > 0 && uri.getRawFragment() == null
				&& uri.getRawUserInfo() == null && uri.getRawSchemeSpecificPart().startsWith("/");
	}

	private static void checkBackChannelLogout(ClientSpec spec, ApplicationType type, boolean codeFlow) {
		String uri = spec.backchannelLogoutUri();
		if (uri == null) {
			require(!spec.backchannelLogoutSessionRequired(), "backchannelLogoutSessionRequired",
					"backchannelLogoutSessionRequired needs a backchannelLogoutUri");
			return;
		}
		String field = "backchannelLogoutUri";
		require(type == ApplicationType.WEB, field,
				field + " is for web clients: the provider calls it from the server side, which a native app lacks");
		require(codeFlow, field, field + " needs the authorization_code grant: only signed-in users log out");
		require(uri.length() <= LIST_COLUMN_WIDTH, field, field + " must be at most " + LIST_COLUMN_WIDTH + " characters");
		checkUri(field, uri, ApplicationType.WEB, true);
	}

	private static void checkScopes(ClientSpec spec) {
		each("scopes", spec.scopes(), (field, scope) -> require(SCOPE.matcher(scope).matches(), field, field
				+ " must be a scope token (RFC 6749 section 3.3: 1 to 100 printable ASCII characters, "
				+ "no space, '\"', '\\\\' or ','); send several scopes as several array elements"));
		require(String.join(",", spec.scopes()).length() <= LIST_COLUMN_WIDTH, "scopes",
				"scopes must be at most " + LIST_COLUMN_WIDTH + " characters together");
	}

	private static void checkOperator(ClientSpec spec) {
		if (spec.operator()) {
			require(spec.confidential()
					&& Set.copyOf(spec.grantTypes()).equals(Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())),
					"operator", "an operator client must be confidential with client_credentials as its only "
							+ "grant type, so that no user-facing flow can obtain admin power");
		}
		require(spec.operator() || !spec.scopes().contains(OperatorClients.ADMIN_SCOPE), "scopes",
				"the admin scope is only for operator clients (operator: true, confidential, client_credentials only)");
	}

	private static void each(String name, List<String> values, ElementRule rule) {
		for (int i = 0; i < values.size(); i++) {
			String field = name + "[" + i + "]";
			require(values.get(i) != null, field, field + " must be a string, not null");
			rule.check(field, values.get(i));
		}
	}

	private static void require(boolean condition, String field, String message) {
		if (!condition) {
			throw new InvalidClientRegistrationException(field, message);
		}
	}

	@FunctionalInterface
	private interface ElementRule {

		void check(String field, String value);

	}

}
