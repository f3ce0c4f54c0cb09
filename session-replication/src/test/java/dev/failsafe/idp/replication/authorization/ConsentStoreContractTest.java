package dev.failsafe.idp.replication.authorization;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ConsentStore} must have. An implementation's test extends this class
 * and supplies the store; every test uses fresh client ids, so the store may be shared.
 */
public abstract class ConsentStoreContractTest {

	/** The store under test. */
	protected abstract ConsentStore store();

	@Test
	void saveWhenNewThenFound() {
		ConsentRecord consent = new ConsentRecord(client(), "alice", Set.of("SCOPE_openid", "SCOPE_profile"));
		store().save(consent);
		assertThat(store().find(consent.registeredClientId(), "alice")).contains(consent);
	}

	@Test
	void saveWhenExistingThenReplaced() {
		String client = client();
		store().save(new ConsentRecord(client, "alice", Set.of("SCOPE_openid")));
		ConsentRecord wider = new ConsentRecord(client, "alice", Set.of("SCOPE_openid", "SCOPE_email"));
		store().save(wider);
		assertThat(store().find(client, "alice")).contains(wider);
	}

	@Test
	void findWhenOtherUserOrClientThenEmpty() {
		String client = client();
		store().save(new ConsentRecord(client, "alice", Set.of("SCOPE_openid")));
		assertThat(store().find(client, "bob")).isEmpty();
		assertThat(store().find(client(), "alice")).isEmpty();
	}

	@Test
	void findWhenPairsWouldCollideAsJoinedTextThenKeptApart() {
		String client = client();
		ConsentRecord first = new ConsentRecord(client + ":x", "y", Set.of("SCOPE_a"));
		ConsentRecord second = new ConsentRecord(client, "x:y", Set.of("SCOPE_b"));
		store().save(first);
		store().save(second);
		assertThat(store().find(client + ":x", "y")).contains(first);
		assertThat(store().find(client, "x:y")).contains(second);
	}

	@Test
	void removeWhenPresentThenGone() {
		String client = client();
		store().save(new ConsentRecord(client, "alice", Set.of("SCOPE_openid")));
		store().save(new ConsentRecord(client, "bob", Set.of("SCOPE_openid")));
		store().remove(client, "alice");
		assertThat(store().find(client, "alice")).isEmpty();
		assertThat(store().find(client, "bob")).isPresent();
	}

	@Test
	void removeWhenMissingThenNoOp() {
		store().remove(client(), "nobody");
	}

	@Test
	void removeAllWhenUserHasConsentsThenEveryOneOfThemGoneAndOthersKept() {
		String user = "user-" + UUID.randomUUID();
		String first = client();
		String second = client();
		store().save(new ConsentRecord(first, user, Set.of("SCOPE_openid")));
		store().save(new ConsentRecord(second, user, Set.of("SCOPE_email")));
		store().save(new ConsentRecord(first, "bob", Set.of("SCOPE_openid")));
		store().removeAll(user);
		assertThat(store().find(first, user)).isEmpty();
		assertThat(store().find(second, user)).isEmpty();
		assertThat(store().find(first, "bob")).isPresent();
		store().removeAll(user);
	}

	private static String client() {
		return "client-" + UUID.randomUUID();
	}

}
