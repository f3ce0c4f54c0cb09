package dev.failsafe.idp.server.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.failsafe.idp.server.sessions.SessionActivity;
import dev.failsafe.idp.server.sessions.SessionIds;
import dev.failsafe.idp.server.users.UserSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * A user's login sessions through Spring Session's principal index, in the replicated session store,
 * so at every node and site: {@link #endAll} ends them (a store that cannot confirm the deletion
 * throws {@link dev.failsafe.idp.replication.StoreUnavailableException}); {@link #refreshed} counts a
 * relying party's refresh as use of the session it was issued in, so the session does not expire
 * while its tokens are in use. To keep that cheap on the refresh path, a session is written at most
 * once per quarter of its idle timeout (at most a minute), and this node does not even look it up
 * again before then (it remembers when, for up to {@value #MAX_REMEMBERED} sessions); a touch the
 * store cannot confirm is logged and dropped (the session then expires a little earlier, never
 * later).
 */
final class LoginSessions implements UserSessions, SessionActivity {

	private static final Duration MOST_TOUCH_INTERVAL = Duration.ofMinutes(1);

	/** The most sessions whose next touch this node remembers; the one touched longest ago makes room. */
	static final int MAX_REMEMBERED = 10_000;

	/** sid to the earliest time this node writes that session again. */
	private final Map<String, Instant> nextTouch = Collections.synchronizedMap(
			new LinkedHashMap<>(16, 0.75f, true) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
					return size() > MAX_REMEMBERED;
				}

			});

	private static final Logger log = LoggerFactory.getLogger(LoginSessions.class);

	private final FindByIndexNameSessionRepository<?> sessions;

	private final Clock clock;

	LoginSessions(FindByIndexNameSessionRepository<?> sessions, Clock clock) {
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public void refreshed(String username, String sid) {
		Instant due = this.nextTouch.get(sid);
		if (due != null && this.clock.instant().isBefore(due)) {
			return;
		}
		try {
			touch(this.sessions, username, sid);
		}
		catch (RuntimeException ex) {
			log.atWarn().addKeyValue("user.name", username).log("Session use not recorded: {}", ex.getMessage());
		}
	}

	private <S extends Session> void touch(FindByIndexNameSessionRepository<S> repository, String username,
			String sid) {
		Instant now = this.clock.instant();
		for (Map.Entry<String, S> found : repository.findByPrincipalName(username).entrySet()) {
			S session = found.getValue();
			if (!SessionIds.of(session.<Object>getAttribute(SessionIds.ATTRIBUTE)).filter(sid::equals).isPresent()) {
				continue;
			}
			Duration quarter = session.getMaxInactiveInterval().dividedBy(4);
			Duration interval = (quarter.compareTo(MOST_TOUCH_INTERVAL) < 0) ? quarter : MOST_TOUCH_INTERVAL;
			Instant lastUse = session.getLastAccessedTime();
			if (lastUse.plus(interval).isBefore(now)) {
				session.setLastAccessedTime(now);
				repository.save(session);
				lastUse = now;
			}
			this.nextTouch.put(sid, lastUse.plus(interval));
		}
	}

	@Override
	public int endAll(String username) {
		Set<String> ids = this.sessions.findByPrincipalName(username).keySet();
		ids.forEach(this.sessions::deleteById);
		return ids.size();
	}

}
