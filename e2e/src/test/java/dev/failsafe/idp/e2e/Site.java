package dev.failsafe.idp.e2e;

import java.util.List;

/**
 * Where a process of the deployment runs: a site's network namespace, or the host (the third place,
 * with the witness sentinel, the load balancer, the partner and the drill itself).
 *
 * @param name {@code a}, {@code b} or {@code witness}
 * @param address the only address its processes listen on
 * @param launcher the command prefix that runs a program there (empty on the host)
 */
record Site(String name, String address, List<String> launcher) {

	Site {
		launcher = List.copyOf(launcher);
	}

}
