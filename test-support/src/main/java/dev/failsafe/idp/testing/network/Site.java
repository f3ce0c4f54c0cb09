package dev.failsafe.idp.testing.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a process of a test deployment runs: a site's network namespace ({@link SiteNetwork#site}),
 * or the host (loopback, or the third place on the sites' bridge, with no launcher).
 *
 * @param name a name for logs ({@code a}, {@code b}, {@code witness})
 * @param address the only address its processes listen on
 * @param launcher the command prefix that runs a program there (empty on the host)
 */
public record Site(String name, String address, List<String> launcher) {

	public Site {
		launcher = List.copyOf(launcher);
	}

	/** The test's own host on 127.0.0.1. */
	public static Site loopback() {
		return new Site("loopback", "127.0.0.1", List.of());
	}

	/** {@code command} as run there: the launcher, then the command. */
	public List<String> command(List<String> command) {
		List<String> line = new ArrayList<>(this.launcher);
		line.addAll(command);
		return line;
	}

}
