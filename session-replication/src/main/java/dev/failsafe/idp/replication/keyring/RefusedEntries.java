package dev.failsafe.idp.replication.keyring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the ring entries the key ring refuses: each distinct entry (map, kid, reason, value) once,
 * as a warning naming the kid and the reason, and as one increment of {@value #METRIC} tagged with
 * {@code map} and {@code reason}. The ring reads the maps every few seconds; an entry that stays
 * planted is reported once, not on every read. The value itself is never logged.
 */
public final class RefusedEntries {

	/** The counter's name. */
	public static final String METRIC = HazelcastKeyRing.REFUSED_METRIC;

	private static final Logger logger = LoggerFactory.getLogger(RefusedEntries.class);

	private static final int REMEMBERED = 10_000;

	private final MeterRegistry registry;

	private final Set<String> reported = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED;
		}

	});

	public RefusedEntries(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/** Reports one refused entry, unless this very entry was reported before. */
	public void report(String map, String kid, RefusalReason reason, Object value) {
		String fingerprint = map + '\n' + kid + '\n' + reason + '\n' + Objects.hashCode(value);
		synchronized (this.reported) {
			if (!this.reported.add(fingerprint)) {
				return;
			}
		}
		logger.atWarn()
			.addKeyValue("keyring.map", map)
			.addKeyValue("keyring.kid", kid)
			.addKeyValue("keyring.refusal", reason.tag())
			.log("Refused a key ring entry in {} for kid {}: {}; it is not published, signed with or trusted", map,
					kid, reason.tag());
		Counter.builder(METRIC)
			.description("Key ring entries found in the cluster that did not authenticate and were refused")
			.tag("map", map)
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
	}

}
