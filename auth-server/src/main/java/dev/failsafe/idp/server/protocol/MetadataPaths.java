package dev.failsafe.idp.server.protocol;

/** The metadata documents' paths, fixed by their specifications (Spring serves both, but names neither). */
public final class MetadataPaths {

	/** The OpenID Provider metadata (OpenID Connect Discovery 1.0 section 4). */
	public static final String OIDC_DISCOVERY = "/.well-known/openid-configuration";

	/** The OAuth 2.0 authorization server metadata (RFC 8414 section 3). */
	public static final String OAUTH2_METADATA = "/.well-known/oauth-authorization-server";

	private MetadataPaths() {
	}

}
