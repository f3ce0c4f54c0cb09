package dev.failsafe.idp.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The single faults of docs/availability.md, each with what must serve during it and how it is
 * undone: a killed place is brought back by the runbook's fail-back ({@link Places#failBack}), a cut
 * link healed.
 */
enum Scenario {

	/** SIGKILL of every process of site A (both primaries at install). */
	KILL_A("kill-a", Set.of(Places.B)),

	/** SIGKILL of every process of site B (only replicas). */
	KILL_B("kill-b", Set.of(Places.A)),

	/** SIGKILL of every process of the witness. */
	KILL_WITNESS("kill-witness", Set.of(Places.A, Places.B)),

	/** The A-B link down; both sites still reach the witness. */
	CUT_AB("cut-ab", Set.of(Places.A)),

	/** A cut from B and from the witness (the load balancer still reaches it). */
	ISOLATE_A("isolate-a", Set.of(Places.B)),

	/** B cut from A and from the witness. */
	ISOLATE_B("isolate-b", Set.of(Places.A));

	/**
	 * The order of the matrix on one deployment: the faults that leave the primaries at A first, then
	 * those that move them (the primaries go back to A in between), kill-a last.
	 */
	static final List<Scenario> MATRIX = List.of(KILL_B, KILL_WITNESS, CUT_AB, ISOLATE_B, ISOLATE_A, KILL_A);

	private final String id;

	private final Set<Integer> serving;

	Scenario(String id, Set<Integer> serving) {
		this.id = id;
		this.serving = serving;
	}

	/** Its name on the command line and in reports ({@code kill-a}, ...). */
	String id() {
		return this.id;
	}

	/** The sites that must report ready (and serve logins) while the fault lasts. */
	Set<Integer> serving() {
		return this.serving;
	}

	boolean isKill() {
		return this == KILL_A || this == KILL_B || this == KILL_WITNESS;
	}

	/** Whether a promotion must happen: the fault takes the place holding the primaries away. */
	boolean movesPrimaries() {
		return this == KILL_A || this == ISOLATE_A;
	}

	/** Inflicts the fault; answers how many processes were killed (0 for a cut). */
	int inflict(Places places) throws Exception {
		return switch (this) {
			case KILL_A -> places.kill(Places.A);
			case KILL_B -> places.kill(Places.B);
			case KILL_WITNESS -> places.kill(Places.WITNESS);
			case CUT_AB -> {
				places.cut(Places.A, Places.B);
				yield 0;
			}
			case ISOLATE_A -> {
				places.cut(Places.A, Places.B);
				places.cut(Places.A, Places.WITNESS);
				yield 0;
			}
			case ISOLATE_B -> {
				places.cut(Places.B, Places.A);
				places.cut(Places.B, Places.WITNESS);
				yield 0;
			}
		};
	}

	/** Undoes it: the fail-back of the killed place, or the heal of the cut links. */
	void repair(Places places) throws Exception {
		switch (this) {
			case KILL_A -> places.failBack(Places.A);
			case KILL_B -> places.failBack(Places.B);
			case KILL_WITNESS -> places.failBack(Places.WITNESS);
			case CUT_AB -> places.heal(Places.A, Places.B);
			case ISOLATE_A -> {
				places.heal(Places.A, Places.B);
				places.heal(Places.A, Places.WITNESS);
			}
			case ISOLATE_B -> {
				places.heal(Places.B, Places.A);
				places.heal(Places.B, Places.WITNESS);
			}
		}
	}

	/** The place a kill took (whose fail-back shows it rejoins as a replica), or -1 for a cut. */
	int killedPlace() {
		return switch (this) {
			case KILL_A -> Places.A;
			case KILL_B -> Places.B;
			case KILL_WITNESS -> Places.WITNESS;
			default -> -1;
		};
	}

	/** The scenario named {@code id}, with {@code e2e/drill}'s aliases (none: kill-a, --partition: cut-ab). */
	static Scenario named(String id) {
		return Arrays.stream(values())
			.filter(scenario -> scenario.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "': one of "
					+ Arrays.stream(values()).map(Scenario::id).toList()));
	}

}
