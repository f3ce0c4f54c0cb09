package dev.failsafe.idp.e2e;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.Refused;
import dev.failsafe.idp.testing.signin.Shopper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's view of one site, bypassing the load balancer: the admin API's key calls with the
 * demo tenant's {@code demo-admin} client, the site's JWKS and the key it signs with.
 */
final class SiteAdmin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final Shopper browser;

	private String adminToken;

	SiteAdmin(String directBase) {
		this.base = directBase;
		this.browser = new Shopper(Provider.at(directBase));
	}

	/** A new admin token from this site (a token write: only while the site can acknowledge it). */
	void refreshAdminToken() {
		this.adminToken = this.browser.backChannel().clientCredentials(Demo.ADMIN, Demo.ADMIN_SECRET, Demo.ADMIN_SCOPE);
	}

	/** The kid of a token this site issues now. */
	String signer() throws Exception {
		return SignedJWT
			.parse(this.browser.backChannel().clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, "orders.read"))
			.getHeader()
			.getKeyID();
	}

	/** An emergency rotation here; answers the new kid. */
	String rotate() {
		return admin("POST", "/admin/keys/rotate", "{\"algorithm\":\"RS256\"}").expect(201, "rotation").string("kid");
	}

	void revoke(String kid) {
		admin("POST", "/admin/keys/" + kid + "/revoke", null).expect(200, "revocation");
	}

	/** The status of {@code GET /admin/sites} here (-1 when the site does not answer at all). */
	int sitesStatus() {
		try {
			return admin("GET", "/admin/sites", null).status();
		}
		catch (UncheckedIOException ex) {
			return -1;
		}
	}

	/** kid to derived state, from {@code GET /admin/keys}. */
	Map<String, String> keyStates() {
		Map<String, String> states = new TreeMap<>();
		for (JsonNode key : JSON.readTree(admin("GET", "/admin/keys", null).raw().body()).get("keys")) {
			states.put(key.get("kid").asString(), key.get("state").asString());
		}
		return states;
	}

	/** kid to public JWK JSON, from this site's JWKS. */
	Map<String, String> jwks() throws Exception {
		Map<String, String> keys = new TreeMap<>();
		for (JWK key : com.nimbusds.jose.jwk.JWKSet.parse(this.browser.jwks()).getKeys()) {
			keys.put(key.getKeyID(), key.toJSONString());
		}
		return keys;
	}

	/** Waits until this site's Hazelcast cluster holds only itself (the partition is seen). */
	void awaitAlone(Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		String last = "no answer";
		while (true) {
			try {
				BackChannel.Reply sites = admin("GET", "/admin/sites", null);
				last = sites.raw().body();
				if (sites.status() == 200 && JSON.readTree(last).get("members").size() == 1) {
					return;
				}
			}
			catch (UncheckedIOException ex) {
				// Slow while the cluster notices the cut (calls to the lost member wait): ask again.
				last = ex.toString();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.base + " still sees the other site: " + last);
			}
			Thread.sleep(250);
		}
	}

	/**
	 * The ring after a heal, once both sites publish the same keys and sign with the same one (or at
	 * the deadline): kids naming two materials, each site's signer, the kids revoked at both.
	 */
	record UnitedRing(int kidsWithTwoMaterials, List<String> signers, Set<String> revoked, double seconds) {
	}

	static UnitedRing awaitUnited(SiteAdmin a, SiteAdmin b, Duration timeout) throws Exception {
		long start = System.nanoTime();
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			try {
				Map<String, String> atA = a.jwks();
				Map<String, String> atB = b.jwks();
				String signerA = a.signer();
				String signerB = b.signer();
				if ((atA.equals(atB) && signerA.equals(signerB)) || Instant.now().isAfter(deadline)) {
					Set<String> revoked = new HashSet<>();
					a.keyStates().forEach((kid, state) -> revoked.add(state.equals("REVOKED") ? kid : ""));
					Set<String> revokedAtB = new HashSet<>();
					b.keyStates().forEach((kid, state) -> revokedAtB.add(state.equals("REVOKED") ? kid : ""));
					revoked.retainAll(revokedAtB);
					revoked.remove("");
					return new UnitedRing(twoMaterials(atA, atB), List.of(signerA, signerB), revoked,
							Math.round((System.nanoTime() - start) / 1e7) / 100.0);
				}
			}
			catch (Refused | UncheckedIOException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw ex;
				}
			}
			Thread.sleep(250);
		}
	}

	/** Kids whose material is not what they name: thumbprint mismatch, or different JSON at each site. */
	private static int twoMaterials(Map<String, String> atA, Map<String, String> atB) throws Exception {
		Set<String> kids = new HashSet<>(atA.keySet());
		kids.addAll(atB.keySet());
		int count = 0;
		for (String kid : kids) {
			String json = (atA.get(kid) != null) ? atA.get(kid) : atB.get(kid);
			boolean differs = atA.containsKey(kid) && atB.containsKey(kid) && !atA.get(kid).equals(atB.get(kid));
			if (differs || !JWK.parse(json).computeThumbprint().toString().equals(kid)) {
				count++;
			}
		}
		return count;
	}

	/** A call to this site's admin API with the admin token (fetched the first time). */
	private BackChannel.Reply admin(String method, String path, String json) {
		if (this.adminToken == null) {
			refreshAdminToken();
		}
		return this.browser.backChannel().bearer(method, URI.create(this.base + path), this.adminToken, json);
	}

}
