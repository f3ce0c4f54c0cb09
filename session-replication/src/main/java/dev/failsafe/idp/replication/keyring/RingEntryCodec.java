package dev.failsafe.idp.replication.keyring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form of one ring entry in a Hazelcast map: the entry's JSON ({@link RingFileFormat}) plus a
 * {@code "mac"}, as a plain string, so nothing of ours is Java-serialized on the wire.
 *
 * <p>The MAC is HMAC-SHA256, base64url, under a key {@linkplain KeyEncryptionKey#derive derived}
 * from the KEK with the label {@value #MAC_PURPOSE}, over every field of the entry, each as a 4-byte
 * length and its UTF-8 bytes, after a tag naming the entry type ({@code key} or {@code revocation}).
 * Decoding accepts an entry only if it authenticates, is stored under its own kid, and (for a key)
 * its kid is the thumbprint of its public JWK; anything else comes back as a {@link Refused} with
 * the reason.
 */
public final class RingEntryCodec {

	/** The HKDF label of the MAC key. */
	public static final String MAC_PURPOSE = "failsafe-id keyring entry-mac v1";

	private static final String ALGORITHM = "HmacSHA256";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec macKey;

	public RingEntryCodec(KeyEncryptionKey kek) {
		byte[] derived = kek.derive(MAC_PURPOSE);
		try {
			this.macKey = new SecretKeySpec(derived, ALGORITHM);
		}
		finally {
			Arrays.fill(derived, (byte) 0);
		}
	}

	/** What a map value decoded to: the entry, or why it was refused. */
	public sealed interface Decoded<T> permits Authentic, Refused {

	}

	/** @param entry an entry that authenticates under this ring's KEK */
	public record Authentic<T>(T entry) implements Decoded<T> {

	}

	/**
	 * @param kid the kid it was stored under (as text, whatever its type)
	 * @param reason why it was refused
	 */
	public record Refused<T>(String kid, RefusalReason reason) implements Decoded<T> {

	}

	public String encode(SigningKeyRecord key) {
		return RingFileFormat.toJson(RingFileFormat.keyNode(key).put("mac", mac(key)));
	}

	public String encode(KeyRevocation revocation) {
		return RingFileFormat.toJson(RingFileFormat.revocationNode(revocation).put("mac", mac(revocation)));
	}

	/** Decodes and checks a value of the keys map stored under {@code mapKey}. */
	public Decoded<SigningKeyRecord> key(Object mapKey, Object value) {
		return decode(mapKey, value, RingFileFormat::key, this::mac, SigningKeyRecord::kid,
				SigningKeyVault::kidMatchesMaterial);
	}

	/** Decodes and checks a value of the revocations map stored under {@code mapKey}. */
	public Decoded<KeyRevocation> revocation(Object mapKey, Object value) {
		return decode(mapKey, value, RingFileFormat::revocation, this::mac, KeyRevocation::kid, (revocation) -> true);
	}

	private <T> Decoded<T> decode(Object mapKey, Object value, Function<JsonNode, T> read, Function<T, String> mac,
			Function<T, String> kid, Predicate<T> materialMatchesKid) {
		String storedUnder = String.valueOf(mapKey);
		ObjectNode node = node(value);
		T entry;
		try {
			entry = (node != null) ? read.apply(node) : null;
		}
		catch (IllegalArgumentException ex) {
			entry = null;
		}
		if (entry == null) {
			return new Refused<>(storedUnder, RefusalReason.MALFORMED);
		}
		RefusalReason reason = check(node, mac.apply(entry));
		if (reason == null && (!kid.apply(entry).equals(mapKey) || !materialMatchesKid.test(entry))) {
			reason = RefusalReason.KID_MISMATCH;
		}
		return (reason != null) ? new Refused<>(storedUnder, reason) : new Authentic<>(entry);
	}

	private static ObjectNode node(Object value) {
		if (!(value instanceof String text)) {
			return null;
		}
		try {
			return (ObjectNode) RingFileFormat.parse(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static RefusalReason check(JsonNode node, String expected) {
		JsonNode mac = node.get("mac");
		if (mac == null || !mac.isString()) {
			return RefusalReason.UNAUTHENTICATED;
		}
		boolean matches = MessageDigest.isEqual(mac.stringValue().getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.US_ASCII));
		return matches ? null : RefusalReason.BAD_MAC;
	}

	private String mac(SigningKeyRecord key) {
		return mac("key", key.kid(), key.algorithm().name(), key.publicJwk(), key.sealedPrivateJwk(),
				key.publishAt().toString(), key.activateAt().toString());
	}

	private String mac(KeyRevocation revocation) {
		return mac("revocation", revocation.kid(), revocation.revokedAt().toString());
	}

	private String mac(String... fields) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.macKey);
			for (String field : fields) {
				byte[] bytes = Objects.requireNonNull(field).getBytes(StandardCharsets.UTF_8);
				mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
				mac.update(bytes);
			}
			return ENCODER.encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
