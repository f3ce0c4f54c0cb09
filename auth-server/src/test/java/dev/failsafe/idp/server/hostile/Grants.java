package dev.failsafe.idp.server.hostile;

import java.util.Map;
import java.util.UUID;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization codes and tokens for the demo shop, issued to alice through one user agent: the
 * first call signs in and consents through {@link CodeFlow}, every later one is a single redirect.
 */
final class Grants {

	static final String SCOPE = "openid profile email";

	private final UserAgent agent;

	private final CodeFlow flow;

	Grants(UserAgent agent, CodeFlow flow) {
		this.agent = agent;
		this.flow = flow;
	}

	/** The user agent alice is signed in with. */
	UserAgent agent() {
		return this.agent;
	}

	/** A code and the PKCE pair it is bound to. */
	record IssuedCode(String value, Pkce pkce) {
	}

	/** A fresh, unredeemed authorization code for the shop. */
	synchronized IssuedCode shopCode() {
		Pkce pkce = Pkce.create();
		String state = UUID.randomUUID().toString();
		String nonce = UUID.randomUUID().toString();
		// Signed in already, CodeFlow's walk is one redirect.
		Map<String, String> redirect = this.flow.authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce,
				state, nonce, Demo.USERNAME, Demo.PASSWORD);
		assertThat(redirect).containsEntry("state", state).containsKey("code");
		return new IssuedCode(redirect.get("code"), pkce);
	}

	/** Redeems {@code code} as the shop, with its own verifier and redirect URI. */
	BackChannel.Reply redeem(IssuedCode code) {
		return this.flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code.value(), Demo.SHOP_REDIRECT_URI,
				code.pkce().verifier());
	}

	/** Access, refresh and ID token of a fresh shop authorization. */
	BackChannel.Reply shopTokens() {
		BackChannel.Reply tokens = redeem(shopCode());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		return tokens;
	}

	/** Rotates {@code refreshToken} as the shop. */
	BackChannel.Reply refresh(String refreshToken) {
		return this.flow.refresh(Demo.SHOP, Demo.SHOP_SECRET, refreshToken);
	}

}
