package dev.failsafe.idp.server.keys;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.JWKSet;
import dev.failsafe.idp.replication.keyring.SigningAlgorithm;
import dev.failsafe.idp.server.testing.ProviderIntegrationTest;
import dev.failsafe.idp.testing.signin.BackChannel;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS over HTTP: made once per change of the published keys, with a strong {@code ETag}, 304
 * for a client that holds it, the same headers for {@code HEAD} as for {@code GET}, and
 * {@code Cache-Control} for {@code idp.keys.jwks-cache-time}.
 */
class JwksEndpointTest extends ProviderIntegrationTest {

	private static final String JWKS = "/oauth2/jwks";

	@Autowired
	private PublishedKeySet keySet;

	@Autowired
	private KeyRingService ring;

	@Test
	void getWhenKeysUnchangedThenSameBytesAndEtagAndCacheableForTheJwksCacheTime() throws Exception {
		BackChannel.Reply first = get();
		BackChannel.Reply second = get();

		assertThat(first.status()).isEqualTo(200);
		assertThat(JWKSet.parse(first.raw().body()).getKeys()).isNotEmpty();
		assertThat(first.raw().headers().firstValue("ETag")).hasValueSatisfying(
				etag -> assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\""));
		assertThat(second.raw().headers().firstValue("ETag")).isEqualTo(first.raw().headers().firstValue("ETag"));
		assertThat(second.raw().body()).isEqualTo(first.raw().body());
		assertThat(first.raw().headers().allValues("Cache-Control")).containsExactly("public, max-age=900");
		assertThat(first.raw().headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(this.keySet.current()).as("made once, shared by every request").isSameAs(this.keySet.current());
	}

	@Test
	void getWhenIfNoneMatchNamesTheEtagThen304WithoutBodyAndWithTheSameValidators() {
		BackChannel.Reply full = get();
		String etag = full.raw().headers().firstValue("ETag").orElseThrow();

		for (String ifNoneMatch : new String[] { etag, "W/" + etag, "\"other\", " + etag, "*" }) {
			HttpResponse<String> notModified = this.backChannel
				.send(HttpRequest.newBuilder(PROVIDER.uri(JWKS)).header("If-None-Match", ifNoneMatch).build())
				.raw();
			assertThat(notModified.statusCode()).as(ifNoneMatch).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
			assertThat(notModified.headers().allValues("Cache-Control")).containsExactly("public, max-age=900");
		}
		HttpResponse<String> stale = this.backChannel
			.send(HttpRequest.newBuilder(PROVIDER.uri(JWKS)).header("If-None-Match", "\"stale\"").build())
			.raw();
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(full.raw().body());
	}

	@Test
	void headWhenAskedThenTheHeadersOfGetAndNoBody() {
		HttpResponse<String> get = get().raw();
		HttpResponse<String> head = this.backChannel
			.send(HttpRequest.newBuilder(PROVIDER.uri(JWKS)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build())
			.raw();

		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		for (String header : new String[] { "Content-Type", "Content-Length", "ETag", "Cache-Control",
				"X-Content-Type-Options" }) {
			assertThat(head.headers().allValues(header)).as(header).isNotEmpty().isEqualTo(get.headers().allValues(header));
		}
		assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(get.body().length()));
	}

	@Test
	void getWhenTheRingChangesThenNewBytesNewEtagAndTheOldEtagNoLongerMatches() {
		String before = get().raw().headers().firstValue("ETag").orElseThrow();

		KeyStatus added = this.ring.rotateNow(SigningAlgorithm.ES256, false, "JwksEndpointTest");

		BackChannel.Reply after = get();
		assertThat(after.raw().body()).contains(added.kid());
		assertThat(after.raw().headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(before));
		assertThat(this.backChannel
			.send(HttpRequest.newBuilder(PROVIDER.uri(JWKS)).header("If-None-Match", before).build())
			.status()).isEqualTo(200);
	}

	private BackChannel.Reply get() {
		return this.backChannel.send(HttpRequest.newBuilder(PROVIDER.uri(JWKS)).build());
	}

}
