package dev.failsafe.idp.server.tokens;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.CodeFlow;
import dev.failsafe.idp.testing.signin.Pkce;
import dev.failsafe.idp.testing.signin.UserAgent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ID token of a code exchange names the login session that approved the code ({@code sid}) and
 * when the user signed in there ({@code auth_time}), read from the
 * authorization, not from whichever of the user's sessions was used last; a refresh keeps both.
 */
class IdTokenSessionTest extends ProviderIntegrationTest {

	private static final String SCOPE = "openid profile email";

	@Test
	void exchangeWhenTheUserSignedInElsewhereSinceThenSidOfTheSessionThatApprovedTheCode() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		UserAgent first = newUserAgent();
		Pkce pkce = Pkce.create();
		String code = codeFlow(first).authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE, pkce, "s1",
				UUID.randomUUID().toString(), Demo.USERNAME, Demo.PASSWORD).get("code");
		UserAgent later = newUserAgent();
		Pkce laterPkce = Pkce.create();
		Map<String, String> laterCode = codeFlow(later).authorize(Demo.SHOP, Demo.SHOP_REDIRECT_URI, SCOPE,
				laterPkce, "s2", UUID.randomUUID().toString(), Demo.USERNAME, Demo.PASSWORD);
		assertThat(laterCode).containsKey("code");

		CodeFlow flow = codeFlow(first);
		BackChannel.Reply tokens = flow.exchange(Demo.SHOP, Demo.SHOP_SECRET, code,
				Demo.SHOP_REDIRECT_URI, pkce.verifier());
		assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
		JWTClaimsSet id = SignedJWT.parse(tokens.string("id_token")).getJWTClaimsSet();

		BackChannel.Reply laterTokens = codeFlow(later).exchange(Demo.SHOP, Demo.SHOP_SECRET, laterCode.get("code"),
				Demo.SHOP_REDIRECT_URI, laterPkce.verifier());
		assertThat(laterTokens.status()).as(laterTokens.raw().body()).isEqualTo(200);
		String laterSid = SignedJWT.parse(laterTokens.string("id_token")).getJWTClaimsSet().getStringClaim("sid");
		assertThat(id.getStringClaim("sid")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(laterSid);
		Date authTime = id.getDateClaim("auth_time");
		assertThat(authTime.toInstant()).isBetween(before, Instant.now().plusSeconds(1));

		BackChannel.Reply refreshed = flow.refresh(Demo.SHOP, Demo.SHOP_SECRET,
				tokens.string("refresh_token"));
		assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
		JWTClaimsSet refreshedId = SignedJWT.parse(refreshed.string("id_token")).getJWTClaimsSet();
		assertThat(refreshedId.getStringClaim("sid")).isEqualTo(id.getStringClaim("sid"));
		assertThat(refreshedId.getDateClaim("auth_time")).isEqualTo(authTime);
	}

}
