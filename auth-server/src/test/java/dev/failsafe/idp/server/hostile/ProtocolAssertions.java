package dev.failsafe.idp.server.hostile;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.failsafe.idp.testing.signin.BackChannel;
import dev.failsafe.idp.testing.signin.UserAgent;

import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refused request must look like: exact status and error, and nothing internal. */
final class ProtocolAssertions {

	/** A Java class name (a.b.SomeClass), a stack frame, or an exception's name. */
	private static final Pattern INTERNALS = Pattern
		.compile("(?:\\b[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|\\bat [\\w$.]+\\(|Exception\\b|\\bjava\\.|\\bjakarta\\.");

	private static final Pattern ERROR_DETAIL = Pattern.compile("id=\"error-detail\"[^>]*>([^<]*)<");

	private ProtocolAssertions() {
	}

	/** An OAuth 2.0 error as JSON: the status, the code, no caching, no internals. */
	static void assertJsonError(BackChannel.Reply reply, int status, String error) {
		assertThat(reply.status()).as("status of %s", reply.raw().body()).isEqualTo(status);
		assertThat(reply.raw().headers().firstValue("Content-Type")).as("content type")
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(reply.json()).as("body").containsEntry("error", error);
		assertThat(reply.raw().headers().firstValue("Cache-Control")).as("cache control")
			.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		assertThat(reply.raw().headers().firstValue("Location")).as("no redirect").isEmpty();
		assertNoInternals(reply.raw().body());
	}

	/** Our error page: 400, no redirect, the protocol error and its parameter in error-detail. */
	static void assertErrorPage(HttpResponse<String> response, String error, String detail) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).as("no redirect").isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).as("content type")
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(errorDetail(response)).startsWith("[" + error + "]").contains(detail);
		assertNoInternals(response.body());
	}

	/**
	 * An RFC 6749 section 4.1.2.1 error redirect to exactly {@code redirectUri}, without a code;
	 * answers the redirect's parameters.
	 */
	static Map<String, String> assertErrorRedirect(HttpResponse<String> response, String redirectUri,
			String error) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(302);
		UriComponents target = UriComponentsBuilder.fromUriString(UserAgent.location(response)).build();
		assertThat(UriComponentsBuilder.newInstance()
			.scheme(target.getScheme())
			.host(target.getHost())
			.port(target.getPort())
			.path(target.getPath())
			.toUriString()).isEqualTo(redirectUri);
		Map<String, String> parameters = UserAgent.redirectParameters(response);
		assertThat(parameters).containsEntry("error", error).doesNotContainKey("code");
		return parameters;
	}

	/** The text of the error page's error-detail element. */
	static String errorDetail(HttpResponse<String> response) {
		Matcher matcher = ERROR_DETAIL.matcher(response.body());
		assertThat(matcher.find()).as("error page with error-detail: %s", response.body()).isTrue();
		return matcher.group(1).replace("&amp;", "&");
	}

	/** No stack trace, exception or Java class name anywhere in the body or headers' texts. */
	static void assertNoInternals(String text) {
		assertThat(text).as("body").doesNotContainPattern(INTERNALS);
	}

	static void assertNoInternals(HttpResponse<String> response) {
		assertNoInternals(response.body());
		response.headers().map().forEach((name, values) -> values.forEach(value -> assertThat(value)
			.as("header %s", name)
			.doesNotContainPattern(INTERNALS)));
	}

}
