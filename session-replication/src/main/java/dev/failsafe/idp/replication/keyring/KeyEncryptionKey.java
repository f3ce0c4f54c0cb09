package dev.failsafe.idp.replication.keyring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The key-encryption key (KEK): seals private keys and the local ring file with AES-256-GCM.
 *
 * <p>A sealed value is {@code base64url(iv || ciphertext || tag)} with a fresh random 12-byte IV and
 * a 128-bit tag. The caller's context string (for a signing key: its kid) is the additional
 * authenticated data, so sealed material cannot be moved to another kid unnoticed. Every member that
 * must open keys written by another member needs the same KEK. Load one with
 * {@link KeyEncryptionKeySource}.
 *
 * <p>The KEK is used as it is only for AES-GCM. Any other key (the MAC key of the ring's entries,
 * the Hazelcast cluster secret) is {@link #derive derived} from it with HKDF-SHA256 under its own
 * purpose label, so no two uses share a key.
 */
public final class KeyEncryptionKey {

	/** AES-256. */
	static final int KEY_BYTES = 32;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final SecretKey key;

	private KeyEncryptionKey(SecretKey key) {
		this.key = key;
	}

	/** A KEK from exactly 32 bytes; the array is copied, so the caller may wipe it. */
	public static KeyEncryptionKey of(byte[] keyBytes) {
		if (keyBytes == null || keyBytes.length != KEY_BYTES) {
			throw new IllegalArgumentException("A key-encryption key is exactly " + KEY_BYTES + " bytes (AES-256)");
		}
		return new KeyEncryptionKey(new SecretKeySpec(keyBytes, "AES"));
	}

	/** A new random KEK. */
	public static KeyEncryptionKey generate() {
		byte[] bytes = randomKeyBytes();
		try {
			return of(bytes);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	static byte[] randomKeyBytes() {
		byte[] bytes = new byte[KEY_BYTES];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	public String seal(String context, byte[] plaintext) {
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, context, iv);
			byte[] ciphertext = cipher.doFinal(plaintext);
			return ENCODER.encodeToString(ByteBuffer.allocate(IV_BYTES + ciphertext.length)
				.put(iv)
				.put(ciphertext)
				.array());
		}
		catch (GeneralSecurityException ex) {
			// AES-GCM is mandatory in every JDK: failing here is a broken runtime, not bad input.
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * Opens what {@link #seal} produced for the same context.
	 * @throws SealedDataException if the value was altered, or sealed under another KEK or context
	 */
	public byte[] open(String context, String sealed) {
		byte[] bytes;
		try {
			bytes = DECODER.decode(sealed);
		}
		catch (IllegalArgumentException ex) {
			throw new SealedDataException(context, "not base64url", null);
		}
		if (bytes.length < IV_BYTES + TAG_BITS / 8) {
			throw new SealedDataException(context, "too short", null);
		}
		try {
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, context, Arrays.copyOf(bytes, IV_BYTES));
			return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new SealedDataException(context,
					"it was altered, or sealed under another key-encryption key or for another context", null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * A 32-byte key for one purpose: HKDF-SHA256 (RFC 5869) with the KEK as input keying material, no
	 * salt and {@code purpose} as the info. Different purposes give independent keys; none reveals the
	 * KEK or another.
	 */
	public byte[] derive(String purpose) {
		byte[] ikm = this.key.getEncoded();
		try {
			HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
			hkdf.init(new HKDFParameters(ikm, null, purpose.getBytes(StandardCharsets.UTF_8)));
			byte[] derived = new byte[KEY_BYTES];
			hkdf.generateBytes(derived, 0, derived.length);
			return derived;
		}
		finally {
			Arrays.fill(ikm, (byte) 0);
		}
	}

	/**
	 * A short fingerprint that tells whether two members hold the same KEK without revealing it: the
	 * first 8 bytes of HMAC-SHA256(KEK, "kek-check-value"), base64url.
	 */
	public String checkValue() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key.getEncoded(), "HmacSHA256"));
			byte[] digest = mac.doFinal("kek-check-value".getBytes(StandardCharsets.US_ASCII));
			return ENCODER.encodeToString(Arrays.copyOf(digest, 8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	private Cipher cipher(int mode, String context, byte[] iv) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(TRANSFORMATION);
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	@Override
	public String toString() {
		// Never the key bytes.
		return "KeyEncryptionKey[AES-256-GCM, checkValue=" + checkValue() + "]";
	}

}
