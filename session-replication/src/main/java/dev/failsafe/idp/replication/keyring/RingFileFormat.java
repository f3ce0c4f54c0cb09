package dev.failsafe.idp.replication.keyring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the ring, written field by field so the format stays put when the records change.
 * The ring file and backups hold a whole ring:
 *
 * <pre>
 * {"format":1,
 *  "keys":[{"kid","algorithm","publicJwk","sealedPrivateJwk","publishAt","activateAt"}],
 *  "revocations":[{"kid","revokedAt"}]}
 * </pre>
 *
 * Entries are sorted by kid and times are ISO-8601 instants, so one ring always gives one text. The
 * Hazelcast maps hold one entry each, the same object plus its {@code "mac"} ({@link RingEntryCodec}).
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
		ring.keys()
			.values()
			.stream()
			.sorted(Comparator.comparing(SigningKeyRecord::kid))
			.forEach((key) -> keys.add(keyNode(key)));
		ArrayNode revocations = root.putArray("revocations");
		ring.revocations()
			.values()
			.stream()
			.sorted(Comparator.comparing(KeyRevocation::kid))
			.forEach((revocation) -> revocations.add(revocationNode(revocation)));
		return mapper.writeValueAsBytes(root);
	}

	/**
	 * @throws IllegalArgumentException if the text is not a ring of a known format
	 */
	static KeyRingSnapshot read(byte[] json) {
		JsonNode root = parse(new String(json, StandardCharsets.UTF_8));
		int format = root.path("format").asInt(-1);
		if (format != FORMAT) {
			throw new IllegalArgumentException("unknown format " + format);
		}
		List<SigningKeyRecord> keys = new ArrayList<>();
		for (JsonNode key : required(root, "keys").values()) {
			keys.add(key(key));
		}
		List<KeyRevocation> revocations = new ArrayList<>();
		for (JsonNode revocation : required(root, "revocations").values()) {
			revocations.add(revocation(revocation));
		}
		return KeyRingSnapshot.of(keys, revocations);
	}

	static ObjectNode keyNode(SigningKeyRecord key) {
		return mapper.createObjectNode()
			.put("kid", key.kid())
			.put("algorithm", key.algorithm().name())
			.put("publicJwk", key.publicJwk())
			.put("sealedPrivateJwk", key.sealedPrivateJwk())
			.put("publishAt", key.publishAt().toString())
			.put("activateAt", key.activateAt().toString());
	}

	static ObjectNode revocationNode(KeyRevocation revocation) {
		return mapper.createObjectNode().put("kid", revocation.kid()).put("revokedAt", revocation.revokedAt().toString());
	}

	/** @throws IllegalArgumentException if {@code node} is no key record */
	static SigningKeyRecord key(JsonNode node) {
		try {
			return new SigningKeyRecord(text(node, "kid"), SigningAlgorithm.of(text(node, "algorithm")),
					text(node, "publicJwk"), text(node, "sealedPrivateJwk"), instant(node, "publishAt"),
					instant(node, "activateAt"));
		}
		catch (NullPointerException | DateTimeParseException ex) {
			throw new IllegalArgumentException("not a key record", ex);
		}
	}

	/** @throws IllegalArgumentException if {@code node} is no revocation */
	static KeyRevocation revocation(JsonNode node) {
		try {
			return new KeyRevocation(text(node, "kid"), instant(node, "revokedAt"));
		}
		catch (NullPointerException | DateTimeParseException ex) {
			throw new IllegalArgumentException("not a revocation", ex);
		}
	}

	/** @throws IllegalArgumentException if {@code json} is not a JSON object */
	static JsonNode parse(String json) {
		try {
			JsonNode node = mapper.readTree(json);
			if (node == null || !node.isObject()) {
				throw new IllegalArgumentException("not a JSON object");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not a key ring document", ex);
		}
	}

	static String toJson(JsonNode node) {
		return mapper.writeValueAsString(node);
	}

	private static JsonNode required(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isArray()) {
			throw new IllegalArgumentException("missing " + field);
		}
		return value;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException("missing " + field);
		}
		return value.stringValue();
	}

	private static Instant instant(JsonNode node, String field) {
		return Instant.parse(text(node, field));
	}

}
