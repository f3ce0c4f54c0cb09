package dev.failsafe.idp.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.backchannel.LogoutTokenReceiver;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.tls.SelfSignedCertificate;

/**
 * The relying party of the kill-a drill's back-channel logout, outside the three places: the kit's
 * {@link LogoutTokenReceiver} over HTTPS on the host's end of the sites' bridge (both sites reach it,
 * and killing or cutting off a place leaves it), with a throwaway certificate for that address which
 * every provider trusts, and only it ({@link #trustStoreFlags()}: the providers' default TLS context,
 * the one their back-channel calls use, with the usual host name check). A run registers a client of
 * its own with it as {@code backchannel_logout_uri} through the admin API ({@link #register}).
 */
final class DrillRelyingParty implements AutoCloseable {

	/** How long the registration may keep meeting the directory's "try again". */
	private static final Duration REGISTRATION_DEADLINE = Duration.ofSeconds(30);


	/**
	 * A client registered with this relying party's endpoint.
	 *
	 * @param clientId its id
	 * @param secret its secret
	 * @param redirectUri its redirect URI (on loopback: nothing needs to answer it)
	 */
	record Client(String clientId, String secret, String redirectUri) {
	}

	private final SelfSignedCertificate certificate;

	private final LogoutTokenReceiver receiver;

	private DrillRelyingParty(SelfSignedCertificate certificate, LogoutTokenReceiver receiver) {
		this.certificate = certificate;
		this.receiver = receiver;
	}

	/** Listens on a free port of {@code hostAddress} with a certificate made in {@code runDir}. */
	static DrillRelyingParty start(Path runDir, String hostAddress) {
		SelfSignedCertificate certificate = SelfSignedCertificate.forAddress(runDir.resolve("relying-party"),
				hostAddress);
		return new DrillRelyingParty(certificate, LogoutTokenReceiver.startHttps(hostAddress, certificate));
	}

	/** The JVM flags that make a provider trust this relying party's certificate. */
	List<String> trustStoreFlags() {
		return this.certificate.trustStoreFlags();
	}

	LogoutTokenReceiver receiver() {
		return this.receiver;
	}

	/**
	 * Registers a confidential code-flow client (no consent) whose {@code backchannel_logout_uri} is
	 * this endpoint, through {@code issuer}'s admin API with the demo tenant's operator client.
	 */
	Client register(String issuer) {
		String clientId = "drill-rp-" + UUID.randomUUID();
		String redirectUri = "http://127.0.0.1:9/" + clientId + "/callback";
		BackChannel channel = new BackChannel(Provider.at(issuer));
		String token = channel.clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
		String body = """
				{"clientId":"%s","clientName":"Drill RP","clientType":"confidential",
				 "grantTypes":["authorization_code"],"redirectUris":["%s"],"scopes":["openid"],
				 "requireConsent":false,"backchannelLogoutUri":"%s","backchannelLogoutSessionRequired":true}"""
			.formatted(clientId, redirectUri, this.receiver.uri());
		// 503 is the directory's "try again" (a pooled connection still on the member a switchover just
		// demoted is closed by its refused write): nothing was acknowledged, so the operator tries again.
		BackChannel.Reply[] reply = new BackChannel.Reply[1];
		Wait.until("the drill relying party's registration past 503", REGISTRATION_DEADLINE, Duration.ofMillis(500),
				() -> (reply[0] = channel.bearer("POST", URI.create(issuer + "/admin/clients"), token, body))
					.status() != 503);
		String secret = reply[0].expect(201, "the drill relying party's registration").string("clientSecret");
		return new Client(clientId, secret, redirectUri);
	}

	@Override
	public void close() {
		this.receiver.close();
	}

}
