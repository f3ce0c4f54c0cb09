package dev.failsafe.idp.server.hostile;

import java.util.List;
import java.util.Random;

/** Random inputs for the seeded fuzz tests, and how they judge an answer. */
final class FuzzInputs {

	/** Values that have broken parsers, encoders and templates somewhere. */
	static final List<String> NASTY = List.of("", " ", "%00", "%zz", "\u0000", "\u202e", "😀", "' OR 1=1 --",
			"<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://127.0.0.1/a}", "eyJhbGciOiJub25lIn0.e30.",
			"javascript:alert(1)", "\\", "\"", "{}", "[]", "null");

	private FuzzInputs() {
	}

	/** Printable ASCII and arbitrary BMP characters mixed. */
	static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
		}
		return text.toString();
	}

	static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	static boolean hasInternals(String body) {
		try {
			ProtocolAssertions.assertNoInternals(body);
			return false;
		}
		catch (AssertionError ex) {
			return true;
		}
	}

	static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "..." : body;
	}

}
