package dev.failsafe.idp.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.provider.Demo;
import dev.failsafe.idp.testing.provider.Provider;
import dev.failsafe.idp.testing.signin.Shopper;

/**
 * What each site serves while the sites are cut from each other, asked directly (not through the
 * load balancer, which drains a site that cannot acknowledge writes): JWKS, userinfo for a token
 * issued before the cut, a login through the form, and a client_credentials token.
 */
final class CutProbe {

	private CutProbe() {
	}

	/** Per site, per operation: {@code [made, succeeded]}. */
	static Map<String, Object> observe(Places sites, String accessToken, Duration duration)
			throws InterruptedException {
		Map<String, Map<String, long[]>> counts = new LinkedHashMap<>();
		long until = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < until) {
			for (int index = 0; index < 2; index++) {
				String base = sites.direct(index);
				Map<String, long[]> site = counts.computeIfAbsent(sites.place(index).name(), name -> new LinkedHashMap<>());
				Shopper browser = new Shopper(Provider.at(base));
				count(site, "jwks", () -> browser.jwksKids() != null);
				count(site, "userinfo", () -> {
					browser.userinfo(accessToken);
					return true;
				});
				count(site, "login", () -> browser.authorize(DrillLoad.SCOPE) != null);
				count(site, "clientToken",
						() -> browser.backChannel().clientCredentials(Demo.PARTNER_API, Demo.PARTNER_API_SECRET, "orders.read") != null);
			}
			Thread.sleep(250);
		}
		Map<String, Object> served = new LinkedHashMap<>();
		counts.forEach((site, operations) -> {
			Map<String, List<Long>> perOperation = new LinkedHashMap<>();
			operations.forEach((operation, made) -> perOperation.put(operation, List.of(made[0], made[1])));
			served.put(site, perOperation);
		});
		return served;
	}

	private static void count(Map<String, long[]> site, String operation, Acknowledged.Call<Boolean> call)
			throws InterruptedException {
		long[] made = site.computeIfAbsent(operation, name -> new long[2]);
		made[0]++;
		try {
			if (Boolean.TRUE.equals(call.run())) {
				made[1]++;
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			// Not served: counted as made, not succeeded.
		}
	}

}
