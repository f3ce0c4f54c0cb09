package dev.failsafe.idp.samples.verifier;

/**
 * Why a token was refused. Each has a fixed description that is safe to send back to the client
 * (RFC 6750 {@code error_description}): it names the rule, never a library's message or the token.
 */
public enum Rejection {

	/** Not a compact JWS JWT, too long, or its header or claims are not JSON. */
	MALFORMED("The token is not a well-formed signed JWT"),

	/** Unsecured ({@code alg: none}), encrypted, or signed with an algorithm not on the allow-list. */
	ALGORITHM_NOT_ALLOWED("The token's signature algorithm is not accepted"),

	/** The header's {@code typ} is not the profile's (an ID token used as an access token). */
	WRONG_TYPE("The token is not of the expected type"),

	/** No key of the provider's JWKS has the token's {@code kid}. */
	UNKNOWN_KEY("The token was not signed by a key of the issuer"),

	/** A key matched, but the signature does not verify (a forged or altered token). */
	BAD_SIGNATURE("The token's signature is invalid"),

	EXPIRED("The token has expired"),

	NOT_YET_VALID("The token is not valid yet"),

	WRONG_ISSUER("The token was issued by another issuer"),

	/** {@code aud} does not name this resource server (or, for an ID token, this client). */
	WRONG_AUDIENCE("The token is meant for another audience"),

	MISSING_CLAIM("The token lacks a required claim"),

	/** An ID token whose {@code nonce} is not the one this login sent. */
	WRONG_NONCE("The token's nonce does not match");

	private final String description;

	Rejection(String description) {
		this.description = description;
	}

	/** A fixed, client-safe sentence. */
	public String description() {
		return this.description;
	}

}
