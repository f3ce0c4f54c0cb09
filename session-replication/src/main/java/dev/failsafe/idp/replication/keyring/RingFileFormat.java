package dev.failsafe.idp.replication.keyring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON inside the ring file, written field by field so the file format stays put when the
 * records change:
 *
 * <pre>
 * {"format":1,
 *  "keys":[{"kid","algorithm","publicJwk","sealedPrivateJwk","publishAt","activateAt"}],
 *  "revocations":[{"kid","revokedAt"}]}
 * </pre>
 *
 * Entries are sorted by kid and times are ISO-8601 instants, so one ring always gives one text.
 */
final class RingFileFormat {

	static final int FORMAT = 1;

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private RingFileFormat() {
	}

	static byte[] write(KeyRingSnapshot ring) {
		ObjectNode root = mapper.createObjectNode();
		root.put("format", FORMAT);
		ArrayNode keys = root.putArray("keys");
		ring.keys().values().stream().sorted(Comparator.comparing(SigningKeyRecord::kid)).forEach((key) -> keys
			.addObject()
			.put("kid", key.kid())
			.put("algorithm", key.algorithm())
			.put("publicJwk", key.publicJwk())
			.put("sealedPrivateJwk", key.sealedPrivateJwk())
			.put("publishAt", key.publishAt().toString())
			.put("activateAt", key.activateAt().toString()));
		ArrayNode revocations = root.putArray("revocations");
		ring.revocations()
			.values()
			.stream()
			.sorted(Comparator.comparing(KeyRevocation::kid))
			.forEach((revocation) -> revocations.addObject()
				.put("kid", revocation.kid())
				.put("revokedAt", revocation.revokedAt().toString()));
		return mapper.writeValueAsBytes(root);
	}

	/**
	 * @throws IllegalArgumentException if the text is not a ring of a known format
	 */
	static KeyRingSnapshot read(byte[] json) {
		try {
			JsonNode root = mapper.readTree(new String(json, StandardCharsets.UTF_8));
			int format = root.required("format").intValue();
			if (format != FORMAT) {
				throw new IllegalArgumentException("unknown format " + format);
			}
			List<SigningKeyRecord> keys = new ArrayList<>();
			for (JsonNode key : root.required("keys").values()) {
				keys.add(new SigningKeyRecord(text(key, "kid"), text(key, "algorithm"), text(key, "publicJwk"),
						text(key, "sealedPrivateJwk"), instant(key, "publishAt"), instant(key, "activateAt")));
			}
			List<KeyRevocation> revocations = new ArrayList<>();
			for (JsonNode revocation : root.required("revocations").values()) {
				revocations.add(new KeyRevocation(text(revocation, "kid"), instant(revocation, "revokedAt")));
			}
			return KeyRingSnapshot.of(keys, revocations);
		}
		catch (JacksonException | java.time.format.DateTimeParseException ex) {
			throw new IllegalArgumentException("not a key ring document", ex);
		}
	}

	private static String text(JsonNode node, String field) {
		return node.required(field).stringValue();
	}

	private static Instant instant(JsonNode node, String field) {
		return Instant.parse(text(node, field));
	}

}
