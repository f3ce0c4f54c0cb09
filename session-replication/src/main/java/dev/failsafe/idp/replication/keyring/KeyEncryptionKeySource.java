package dev.failsafe.idp.replication.keyring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the {@link KeyEncryptionKey} comes from: an environment variable holding it in base64, a
 * file holding 32 raw bytes or their base64 text, or a file generated on first start. Logs say
 * where a key came from, never what it is.
 */
public final class KeyEncryptionKeySource {

	private static final Logger logger = LoggerFactory.getLogger(KeyEncryptionKeySource.class);

	private KeyEncryptionKeySource() {
	}

	/**
	 * The KEK from the variable when it is set, else from {@code file}; when neither exists, a new
	 * one generated into {@code file} if {@code generate}, else a failure saying what to provide.
	 * @param variableName the variable's name, for messages
	 * @param variableValue its value, or {@code null} when unset
	 */
	public static KeyEncryptionKey resolve(String variableName, String variableValue, Path file, boolean generate) {
		if (variableValue != null && !variableValue.isBlank()) {
			KeyEncryptionKey kek = parse(variableValue, "environment variable " + variableName);
			logger.info("Key-encryption key read from environment variable {} (check value {})", variableName,
					kek.checkValue());
			return kek;
		}
		if (Files.exists(file)) {
			return fromFile(file);
		}
		if (!generate) {
			throw new IllegalStateException("No key-encryption key: set the environment variable " + variableName
					+ " to 32 random bytes in base64, or provide the file " + file.toAbsolutePath()
					+ " (or allow generating one with idp.keyring.generate-kek=true)");
		}
		return loadOrGenerate(file);
	}

	/** A KEK from its base64 (standard or URL-safe alphabet) text. */
	public static KeyEncryptionKey fromBase64(String value) {
		return parse(value, "the given value");
	}

	/** A KEK from a file holding exactly 32 raw bytes, or their base64 text. */
	public static KeyEncryptionKey fromFile(Path file) {
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key-encryption key file " + file.toAbsolutePath(), ex);
		}
		try {
			OwnerOnlyFiles.warnIfShared(file);
			KeyEncryptionKey kek = (content.length == KeyEncryptionKey.KEY_BYTES) ? KeyEncryptionKey.of(content)
					: parse(new String(content, StandardCharsets.US_ASCII), "file " + file.toAbsolutePath());
			logger.info("Key-encryption key read from {} (check value {})", file.toAbsolutePath(), kek.checkValue());
			return kek;
		}
		finally {
			Arrays.fill(content, (byte) 0);
		}
	}

	/**
	 * The KEK in {@code file}, generating 32 random bytes into it first when it does not exist. The
	 * file is created owner-only ({@code rw-------}) with missing parent directories, and appears only
	 * once complete; of two processes racing to create it, both end up with the one that won.
	 */
	public static KeyEncryptionKey loadOrGenerate(Path file) {
		if (Files.exists(file)) {
			return fromFile(file);
		}
		byte[] bytes = KeyEncryptionKey.randomKeyBytes();
		try {
			Path directory = OwnerOnlyFiles.createParentDirectories(file);
			Path temporary = OwnerOnlyFiles.writeTemporary(directory, ".kek-", bytes);
			try {
				// A hard link never replaces an existing file, unlike a rename.
				Files.createLink(file, temporary);
			}
			catch (FileAlreadyExistsException ex) {
				return fromFile(file);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			OwnerOnlyFiles.syncDirectory(directory);
			KeyEncryptionKey kek = KeyEncryptionKey.of(bytes);
			logger.warn("Generated a new key-encryption key into {} (check value {}); every member of the ring "
					+ "needs this same key", file.toAbsolutePath(), kek.checkValue());
			return kek;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the key-encryption key file " + file.toAbsolutePath(), ex);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	private static KeyEncryptionKey parse(String base64, String origin) {
		byte[] bytes;
		try {
			String text = base64.strip();
			bytes = (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) ? Base64.getUrlDecoder().decode(text)
					: Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			// Not the decoder's message: it may quote the offending input.
			throw new IllegalStateException("The key-encryption key in " + origin + " is not valid base64");
		}
		try {
			if (bytes.length != KeyEncryptionKey.KEY_BYTES) {
				throw new IllegalStateException("The key-encryption key in " + origin + " must be "
						+ KeyEncryptionKey.KEY_BYTES + " bytes, not " + bytes.length);
			}
			return KeyEncryptionKey.of(bytes);
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

}
