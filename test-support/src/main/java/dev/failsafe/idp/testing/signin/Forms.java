package dev.failsafe.idp.testing.signin;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The form and URL encodings a headless sign-in needs, and reading the provider's HTML forms (their
 * CSRF token, hidden fields and scope checkboxes).
 */
public final class Forms {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SCOPE = Pattern.compile("name=\"scope\"\\s+value=\"([^\"]+)\"");

	private Forms() {
	}

	/** {@code application/x-www-form-urlencoded} of every value of every field, in order. */
	public static String encode(Map<String, List<String>> form) {
		return form.entrySet()
			.stream()
			.flatMap(entry -> entry.getValue()
				.stream()
				.map(value -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(value, StandardCharsets.UTF_8)))
			.collect(Collectors.joining("&"));
	}

	/**
	 * A query parameter's value as a URI builder encodes it: every character outside RFC 3986's
	 * {@code pchar} (and {@code /}, {@code ?}) as UTF-8 percent-escapes, and {@code &}, {@code =} too.
	 */
	public static String encodeQueryParameter(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~".indexOf(c) >= 0;
			if (unreserved || "!$'()*+,;:@/?".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return encoded.toString();
	}

	/** The query parameters of a URL (the first value of each), decoded. */
	public static Map<String, String> queryParameters(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int start = url.indexOf('?');
		if (start < 0) {
			return parameters;
		}
		int end = url.indexOf('#', start);
		String query = url.substring(start + 1, (end < 0) ? url.length() : end);
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			String[] nameAndValue = pair.split("=", 2);
			parameters.putIfAbsent(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
					(nameAndValue.length > 1) ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

	/** The page's CSRF token ({@code _csrf}); a {@link Refused} (200) when it has none. */
	public static String csrfToken(String html) {
		return field(CSRF, html, "CSRF token");
	}

	/** The value of the hidden field {@code name}, HTML-unescaped. */
	public static String hiddenField(String html, String name) {
		return field(Pattern.compile("name=\"" + Pattern.quote(name) + "\"\\s+value=\"([^\"]*)\""), html,
				"hidden field " + name);
	}

	/** The values of the consent page's scope checkboxes. */
	public static List<String> scopes(String html) {
		return SCOPE.matcher(html).results().map(result -> result.group(1)).toList();
	}

	private static String field(Pattern pattern, String html, String what) {
		Matcher matcher = pattern.matcher(html);
		if (!matcher.find()) {
			throw new Refused(200, "page has no " + what);
		}
		return matcher.group(1).replace("&amp;", "&");
	}

}
