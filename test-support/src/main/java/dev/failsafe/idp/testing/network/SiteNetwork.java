package dev.failsafe.idp.testing.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.failsafe.idp.testing.Command;
import dev.failsafe.idp.testing.RequiredComponent;

/**
 * Sites as Linux network namespaces on one bridge, so a partition between them is a real one: the
 * kernel drops their packets to each other. The test itself (in the root namespace, on the
 * bridge's own address) keeps reaching every site during a cut, as an operator on a third network
 * would.
 *
 * <p>Layout, for {@code n} sites and a random tag {@code t}: namespace {@code fsid-t-i} holds
 * {@code lo} and {@code fsid<t>s<i>} with address {@code 10.<x>.<y>.(i+2)/24}; its veth peer
 * {@code fsid<t>p<i>} is a port of bridge {@code fsid<t>br} ({@code 10.<x>.<y>.1}). A cut sets every
 * site's bridge port {@code isolated}: isolated ports cannot talk to each other but still talk to
 * the bridge itself; {@link #cut(int, int)} cuts one link between two sites and leaves the others.
 * Needs root and {@code ip}/{@code bridge} (Debian's {@code iproute2}).
 *
 * @param tag the random tag in every name
 * @param subnet the sites' {@code 10.x.y}
 * @param sites how many sites
 */
public record SiteNetwork(String tag, String subnet, int sites) implements AutoCloseable {

	private static final String IP = "/usr/sbin/ip";

	private static final String BRIDGE = "/usr/sbin/bridge";

	/** A locally administered link-layer address no interface of the network has. */
	private static final String NOWHERE = "02:00:00:00:de:ad";

	/** Creates {@code sites} namespaces on one bridge, or fails (CI) / skips (elsewhere) without root. */
	public static SiteNetwork create(int sites) throws IOException, InterruptedException {
		RequiredComponent.executable("IP_COMMAND", IP, "iproute2");
		RequiredComponent.executable("BRIDGE_COMMAND", BRIDGE, "iproute2");
		if (!Command.runningAsRoot()) {
			return RequiredComponent.missing("network namespaces need root (CAP_NET_ADMIN)");
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String tag = Integer.toString(random.nextInt(36 * 36 * 36), 36);
		SiteNetwork network = new SiteNetwork(tag, "10." + random.nextInt(100, 200) + "." + random.nextInt(1, 255),
				sites);
		try {
			network.build();
		}
		catch (IOException | RuntimeException ex) {
			network.close();
			throw ex;
		}
		return network;
	}

	/** The address of site {@code index} (from 0). */
	public String address(int index) {
		return this.subnet + "." + (index + 2);
	}

	/** The address of the host's end of the bridge: the third place (witness, load balancer, tests). */
	public String hostAddress() {
		return this.subnet + ".1";
	}

	/** The sites' subnet, {@code 10.x.y.0/24}. */
	public String cidr() {
		return this.subnet + ".0/24";
	}

	/** The command prefix that runs a program inside site {@code index}. */
	public List<String> launcher(int index) {
		return List.of(IP, "netns", "exec", namespace(index));
	}

	/** Site {@code index} as a place to run processes, named {@code name}. */
	public Site site(int index, String name) {
		return new Site(name, address(index), launcher(index));
	}

	/** The host's end of the bridge as a place to run processes (no namespace), named {@code name}. */
	public Site host(String name) {
		return new Site(name, hostAddress(), List.of());
	}

	/** Cuts every site off from every other; each stays reachable from the test. */
	public void cut() throws IOException, InterruptedException {
		setIsolated(true);
	}

	/** Undoes {@link #cut()}. */
	public void heal() throws IOException, InterruptedException {
		setIsolated(false);
	}

	/**
	 * Cuts the link between sites {@code one} and {@code other} only: each sends the other's packets
	 * to a link-layer address nobody has (a permanent neighbour entry), so they are lost on the wire,
	 * silently, as on a cut link; both still reach the host and every other site. Established
	 * connections between the two hang until their own timeouts, as they would.
	 */
	public void cut(int one, int other) throws IOException, InterruptedException {
		for (int[] pair : new int[][] { { one, other }, { other, one } }) {
			ip("-n", namespace(pair[0]), "neigh", "replace", address(pair[1]), "lladdr", NOWHERE, "dev", inside(pair[0]),
					"nud", "permanent");
		}
	}

	/** Undoes {@link #cut(int, int)}: the sites find each other again (ARP). */
	public void heal(int one, int other) throws IOException, InterruptedException {
		for (int[] pair : new int[][] { { one, other }, { other, one } }) {
			Command.of(IP, "-n", namespace(pair[0]), "neigh", "del", address(pair[1]), "dev", inside(pair[0]))
				.runQuietly();
		}
	}

	/**
	 * Cuts site {@code index} off from every other site and from the host (the test itself): packets
	 * both ways go to a link-layer address nobody has, so its members go silent, neither answering
	 * nor refusing, as a site whose every link is cut.
	 */
	public void isolate(int index) throws IOException, InterruptedException {
		for (int other = 0; other < this.sites; other++) {
			if (other != index) {
				cut(index, other);
			}
		}
		ip("neigh", "replace", address(index), "lladdr", NOWHERE, "dev", bridge(), "nud", "permanent");
		ip("-n", namespace(index), "neigh", "replace", hostAddress(), "lladdr", NOWHERE, "dev", inside(index), "nud",
				"permanent");
	}

	/** Undoes {@link #isolate(int)}. */
	public void rejoin(int index) throws IOException, InterruptedException {
		for (int other = 0; other < this.sites; other++) {
			if (other != index) {
				heal(index, other);
			}
		}
		Command.of(IP, "neigh", "del", address(index), "dev", bridge()).runQuietly();
		Command.of(IP, "-n", namespace(index), "neigh", "del", hostAddress(), "dev", inside(index)).runQuietly();
	}

	/**
	 * SIGKILL of every process in site {@code index}, children and daemons included, as when the site
	 * burns; answers how many there were.
	 */
	public int killEverything(int index) throws IOException, InterruptedException {
		List<String> pids = Command.of(IP, "netns", "pids", namespace(index))
			.run()
			.lines()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.toList();
		for (String pid : pids) {
			ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
		}
		for (String pid : pids) {
			ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> process.onExit().join());
		}
		return pids.size();
	}

	/** Deletes the namespaces (which kills nothing: stop the processes first) and the bridge. */
	@Override
	public void close() throws IOException, InterruptedException {
		for (int i = 0; i < this.sites; i++) {
			Command.of(IP, "netns", "delete", namespace(i)).runQuietly();
			Command.of(IP, "link", "delete", port(i)).runQuietly();
		}
		Command.of(IP, "link", "delete", bridge()).runQuietly();
	}

	private void build() throws IOException, InterruptedException {
		ip("link", "add", bridge(), "type", "bridge");
		ip("addr", "add", this.subnet + ".1/24", "dev", bridge());
		ip("link", "set", bridge(), "up");
		for (int i = 0; i < this.sites; i++) {
			ip("netns", "add", namespace(i));
			ip("link", "add", inside(i), "type", "veth", "peer", "name", port(i));
			ip("link", "set", inside(i), "netns", namespace(i));
			ip("link", "set", port(i), "master", bridge(), "up");
			ip("-n", namespace(i), "link", "set", "lo", "up");
			ip("-n", namespace(i), "addr", "add", address(i) + "/24", "dev", inside(i));
			ip("-n", namespace(i), "link", "set", inside(i), "up");
		}
	}

	private void setIsolated(boolean isolated) throws IOException, InterruptedException {
		for (int i = 0; i < this.sites; i++) {
			Command.of(BRIDGE, "link", "set", "dev", port(i), "isolated", isolated ? "on" : "off").run();
		}
	}

	private String namespace(int index) {
		return "fsid-" + this.tag + "-" + index;
	}

	// Interface names are limited to 15 characters.
	private String bridge() {
		return "fsid" + this.tag + "br";
	}

	private String inside(int index) {
		return "fsid" + this.tag + "s" + index;
	}

	private String port(int index) {
		return "fsid" + this.tag + "p" + index;
	}

	private static void ip(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(IP);
		command.addAll(List.of(arguments));
		Command.of(command).run();
	}

}
