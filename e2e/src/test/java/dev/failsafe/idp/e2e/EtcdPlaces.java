package dev.failsafe.idp.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.failsafe.idp.testing.Wait;
import dev.failsafe.idp.testing.etcd.EtcdMember;
import dev.failsafe.idp.testing.network.Site;

/** Patroni's store: one etcd member per place (the kit's {@link EtcdMember}), data under the run's directory. */
final class EtcdPlaces implements AutoCloseable {

	private static final Duration HEALTHY = Duration.ofSeconds(60);

	private final EtcdMember[] members;

	private EtcdPlaces(int places) {
		this.members = new EtcdMember[places];
	}

	/** Starts a member in every place ({@code members}: name to place) and waits until each is healthy. */
	static EtcdPlaces start(Path runDir, Map<String, Site> members) {
		EtcdPlaces etcd = new EtcdPlaces(members.size());
		try {
			List<String> names = new ArrayList<>(members.keySet());
			for (int i = 0; i < names.size(); i++) {
				etcd.members[i] = EtcdMember.start(names.get(i), members, runDir.resolve("etcd-" + names.get(i)));
			}
			for (int i = 0; i < names.size(); i++) {
				etcd.awaitHealthy(i);
			}
			return etcd;
		}
		catch (RuntimeException ex) {
			etcd.close();
			throw ex;
		}
	}

	/** Every member's {@code host:port}, as Patroni takes them. */
	List<String> hosts() {
		return java.util.Arrays.stream(this.members).map(EtcdMember::host).toList();
	}

	/** Starts place {@code index}'s member again on its data (the fail-back) and waits until it is healthy. */
	void restart(int index) {
		this.members[index] = this.members[index].restart();
		awaitHealthy(index);
	}

	/** Every member's log, for a failure message. */
	String logs() {
		StringBuilder all = new StringBuilder();
		for (EtcdMember member : this.members) {
			if (member != null) {
				all.append(member.log()).append("\n\n");
			}
		}
		return all.toString();
	}

	@Override
	public void close() {
		for (EtcdMember member : this.members) {
			if (member != null) {
				member.close();
			}
		}
	}

	private void awaitHealthy(int index) {
		EtcdMember member = this.members[index];
		Wait.until("etcd member " + member.name() + " healthy", HEALTHY, Duration.ofMillis(250), member::healthy,
				member::log);
	}

}
