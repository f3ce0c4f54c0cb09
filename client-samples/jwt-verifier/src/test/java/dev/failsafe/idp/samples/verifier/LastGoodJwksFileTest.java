package dev.failsafe.idp.samples.verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.nimbusds.jose.jwk.JWKSet;
import dev.failsafe.idp.samples.verifier.testing.LocalIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The on-disk last good JWKS: round trip, atomic replacement, and every reason to distrust it. */
class LastGoodJwksFileTest {

	private static final String JWKS_URI = "http://127.0.0.1:9000/oauth2/jwks";

	@TempDir
	private Path directory;

	private LocalIssuer issuer;

	private Path path;

	private LastGoodJwksFile file;

	@BeforeEach
	void create() {
		this.issuer = LocalIssuer.create();
		this.path = this.directory.resolve("cache").resolve("jwks.json");
		this.file = new LastGoodJwksFile(this.path, JWKS_URI);
	}

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	@Test
	void loadWhenSavedThenSameKeysAndTime() throws Exception {
		Instant fetchedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.file.save(this.issuer.publicJwks(), fetchedAt);

		LastGoodJwksFile.Saved saved = this.file.load().orElseThrow();
		assertThat(saved.jwks().toString()).isEqualTo(this.issuer.publicJwks().toString());
		assertThat(saved.fetchedAt()).isEqualTo(fetchedAt);
	}

	@Test
	void saveWhenReplacingThenNewContentAndNoTemporaryFileLeft() throws Exception {
		this.file.save(this.issuer.publicJwks(), Instant.now());
		this.issuer.rotate();
		this.file.save(this.issuer.publicJwks(), Instant.now());

		assertThat(this.file.load().orElseThrow().jwks().getKeys()).hasSize(2);
		try (var files = Files.list(this.path.getParent())) {
			assertThat(files).containsExactly(this.path);
		}
	}

	@Test
	void saveWhenKeysArePrivateThenOnlyPublicPartsWritten() throws Exception {
		this.file.save(new JWKSet(this.issuer.signingKey()), Instant.now());

		assertThat(Files.readString(this.path)).doesNotContain("\\\"d\\\"");
		assertThat(this.file.load().orElseThrow().jwks().getKeys()).allSatisfy(key -> assertThat(key.isPrivate()).isFalse());
	}

	@Test
	void loadWhenNoFileThenEmpty() {
		assertThat(this.file.load()).isEmpty();
	}

	@Test
	void loadWhenOneByteChangedThenIgnored() throws Exception {
		this.file.save(this.issuer.publicJwks(), Instant.now());
		String text = Files.readString(this.path);
		// Change a digit of the fetch time: still valid JSON, no longer the content that was hashed.
		int digit = text.indexOf("\"fetched_at\":") + "\"fetched_at\":".length();
		char changed = (text.charAt(digit) == '1') ? '2' : '1';
		Files.writeString(this.path, text.substring(0, digit) + changed + text.substring(digit + 1));

		assertThat(this.file.load()).isEmpty();
	}

	@Test
	void loadWhenTruncatedThenIgnored() throws Exception {
		this.file.save(this.issuer.publicJwks(), Instant.now());
		byte[] bytes = Files.readAllBytes(this.path);
		Files.write(this.path, java.util.Arrays.copyOf(bytes, bytes.length / 2));

		assertThat(this.file.load()).isEmpty();
	}

	@Test
	void loadWhenFetchedFromAnotherJwksUrlThenIgnored() throws Exception {
		new LastGoodJwksFile(this.path, "http://evil.test/jwks").save(this.issuer.publicJwks(), Instant.now());

		assertThat(this.file.load()).isEmpty();
	}

	@Test
	void loadWhenNotJsonThenIgnored() throws Exception {
		Files.createDirectories(this.path.getParent());
		Files.writeString(this.path, "not json", StandardCharsets.UTF_8);

		assertThat(this.file.load()).isEmpty();
	}

}
