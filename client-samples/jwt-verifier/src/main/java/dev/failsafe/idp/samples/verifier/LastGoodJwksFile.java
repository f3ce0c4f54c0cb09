package dev.failsafe.idp.samples.verifier;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The last good JWKS on disk, so a restarted partner can verify tokens while the provider is
 * unreachable. One JSON object:
 *
 * <pre>
 * {"format":1, "jwks_uri":"...", "fetched_at":&lt;epoch ms&gt;, "jwks":"&lt;the public JWKS as JSON text&gt;",
 *  "sha256":"&lt;base64url SHA-256 of format, jwks_uri, fetched_at and jwks, one per line&gt;"}
 * </pre>
 *
 * <p>Written atomically (a temporary file in the same directory, forced to disk, then renamed over
 * the old one), so a crash leaves the old file or the new one, never half of one. Read back only if
 * the digest matches (a torn or altered file is ignored, not trusted), it was fetched from this
 * verifier's JWKS URL (a file copied from another provider's partner is ignored) and it holds only
 * public keys. The digest detects damage, not an attacker who can write the file: whoever can do
 * that can also replace the partner's code.
 */
final class LastGoodJwksFile {

	private static final System.Logger log = System.getLogger(LastGoodJwksFile.class.getName());

	private static final long FORMAT = 1;

	private final Path file;

	private final String jwksUri;

	/**
	 * @param file where the JWKS is kept (its directory is created if missing)
	 * @param jwksUri the URL every saved JWKS was fetched from
	 */
	LastGoodJwksFile(Path file, String jwksUri) {
		this.file = file.toAbsolutePath();
		this.jwksUri = jwksUri;
	}

	/** A JWKS just fetched from the JWKS URL, and when; replaces the saved one. */
	record Saved(JWKSet jwks, Instant fetchedAt) {
	}

	/** Saves {@code jwks} (its public keys only) as fetched at {@code fetchedAt}. */
	void save(JWKSet jwks, Instant fetchedAt) throws IOException {
		String jwksJson = jwks.toString(true);
		long fetchedAtMillis = fetchedAt.toEpochMilli();
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("format", FORMAT);
		content.put("jwks_uri", this.jwksUri);
		content.put("fetched_at", fetchedAtMillis);
		content.put("jwks", jwksJson);
		content.put("sha256", digest(this.jwksUri, fetchedAtMillis, jwksJson));
		byte[] bytes = JSONObjectUtils.toJSONString(content).getBytes(StandardCharsets.UTF_8);
		Path directory = this.file.getParent();
		Files.createDirectories(directory);
		// Owner-only on POSIX file systems, like every temporary file.
		Path temporary = Files.createTempFile(directory, this.file.getFileName() + ".", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				// On disk before the rename makes it the file: a crash must not leave a renamed empty file.
				channel.force(true);
			}
			try {
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** The saved JWKS if there is one that passes every check, else empty (and says why in the log). */
	Optional<Saved> load() {
		String text;
		try {
			text = Files.readString(this.file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return ignored("unreadable: " + ex.getMessage());
		}
		try {
			Map<String, Object> content = JSONObjectUtils.parse(text);
			Long format = JSONObjectUtils.getLong(content, "format");
			String uri = JSONObjectUtils.getString(content, "jwks_uri");
			Long fetchedAt = JSONObjectUtils.getLong(content, "fetched_at");
			String jwksJson = JSONObjectUtils.getString(content, "jwks");
			String sha256 = JSONObjectUtils.getString(content, "sha256");
			if (format == null || format != FORMAT || uri == null || fetchedAt == null || jwksJson == null
					|| sha256 == null) {
				return ignored("not a last-good JWKS file of format " + FORMAT);
			}
			if (!MessageDigest.isEqual(sha256.getBytes(StandardCharsets.US_ASCII),
					digest(uri, fetchedAt, jwksJson).getBytes(StandardCharsets.US_ASCII))) {
				return ignored("its digest does not match its content (damaged or altered)");
			}
			if (!this.jwksUri.equals(uri)) {
				return ignored("it was fetched from " + uri + ", not from " + this.jwksUri);
			}
			JWKSet jwks = JWKSet.parse(jwksJson);
			if (jwks.getKeys().stream().anyMatch(key -> key.isPrivate())) {
				return ignored("it holds private key material, which no JWKS URL publishes");
			}
			return Optional.of(new Saved(jwks, Instant.ofEpochMilli(fetchedAt)));
		}
		catch (ParseException | RuntimeException ex) {
			return ignored("unparsable: " + ex.getMessage());
		}
	}

	Path path() {
		return this.file;
	}

	private static String digest(String uri, long fetchedAtMillis, String jwksJson) {
		String canonical = FORMAT + "\n" + uri + "\n" + fetchedAtMillis + "\n" + jwksJson;
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return Base64URL.encode(hash).toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	private Optional<Saved> ignored(String reason) {
		log.log(Level.WARNING, "Ignoring the last good JWKS in {0}: {1}", this.file, reason);
		return Optional.empty();
	}

}
