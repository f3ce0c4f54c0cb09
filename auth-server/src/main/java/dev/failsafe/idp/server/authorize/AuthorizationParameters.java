package dev.failsafe.idp.server.authorize;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * The parameters of one authorization request, in order, each name with all its values: as the
 * authorization server reads them (the query of a GET, the form of a POST), after request objects and
 * pushed requests are resolved, or as saved across the login page. Immutable.
 *
 * @param values every parameter's values, by name, in the order received
 */
public record AuthorizationParameters(Map<String, List<String>> values) {

	/** OIDC Core section 3.1.2.1. */
	public static final String PROMPT = "prompt";

	public static final String MAX_AGE = "max_age";

	public static final String ID_TOKEN_HINT = "id_token_hint";

	public static final String LOGIN_HINT = "login_hint";

	public static final String UI_LOCALES = "ui_locales";

	public static final String CLAIMS = "claims";

	public static final String DISPLAY = "display";

	/** The values of {@value #PROMPT} (OIDC Core section 3.1.2.1). */
	public static final String PROMPT_NONE = "none";

	public static final String PROMPT_LOGIN = "login";

	public static final String PROMPT_CONSENT = "consent";

	public static final String PROMPT_SELECT_ACCOUNT = "select_account";

	/** RFC 9101 section 2.1 (and OIDC Core section 6.1). */
	public static final String REQUEST = "request";

	public AuthorizationParameters {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
		values = Collections.unmodifiableMap(copy);
	}

	/**
	 * What the authorization server reads from {@code request}: the query of a GET, the form
	 * parameters of a POST (a POST's query is not part of the request, as Spring reads it).
	 */
	public static AuthorizationParameters of(HttpServletRequest request) {
		Map<String, List<String>> query = parseQuery(request.getQueryString());
		if (HttpMethod.GET.matches(request.getMethod())) {
			return new AuthorizationParameters(query);
		}
		Map<String, List<String>> form = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!query.containsKey(name)) {
				form.put(name, List.of(values));
			}
		});
		return new AuthorizationParameters(form);
	}

	/** Parses {@code a=1&b=2} (decoded as UTF-8); null or empty is no parameter. */
	public static AuthorizationParameters parse(String query) {
		return new AuthorizationParameters(parseQuery(query));
	}

	/** The value of a parameter sent exactly once and not empty, else null. */
	public String single(String name) {
		List<String> list = this.values.get(name);
		return (list != null && list.size() == 1 && !list.get(0).isEmpty()) ? list.get(0) : null;
	}

	public boolean has(String name) {
		return this.values.containsKey(name);
	}

	/** Whether this is an authorization request (not the consent form posting back). */
	public boolean isAuthorizationRequest() {
		return has(OAuth2ParameterNames.RESPONSE_TYPE) || has(REQUEST) || has(OAuth2ParameterNames.REQUEST_URI);
	}

	/** The space-separated values of a single-valued parameter ({@code scope}, {@code prompt}). */
	public Set<String> words(String name) {
		String value = single(name);
		if (value == null) {
			return Set.of();
		}
		Set<String> words = new LinkedHashSet<>();
		for (String word : value.split(" ")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return Collections.unmodifiableSet(words);
	}

	/** A copy with {@code name} set to the single {@code value} (null removes it). */
	public AuthorizationParameters with(String name, String value) {
		Map<String, List<String>> copy = new LinkedHashMap<>(this.values);
		if (value == null) {
			copy.remove(name);
		}
		else {
			copy.put(name, List.of(value));
		}
		return new AuthorizationParameters(copy);
	}

	/** A copy with every parameter of {@code overrides} replacing this one's of the same name. */
	public AuthorizationParameters overriddenBy(Map<String, String> overrides) {
		Map<String, List<String>> copy = new LinkedHashMap<>(this.values);
		overrides.forEach((name, value) -> copy.put(name, List.of(value)));
		return new AuthorizationParameters(copy);
	}

	/** The parameters as a query string, every name and value percent-encoded. */
	public String toQueryString() {
		List<String> pairs = new ArrayList<>();
		this.values.forEach((name, list) -> list.forEach(
				value -> pairs.add(encode(name) + "=" + encode(value))));
		return String.join("&", pairs);
	}

	/** Names and values as the servlet API hands them out. */
	public Map<String, String[]> toParameterMap() {
		return this.values.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toArray(new String[0]),
					(a, b) -> a, LinkedHashMap::new));
	}

	private static Map<String, List<String>> parseQuery(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A bad escape: kept as sent, so the request is judged (and refused) as the container saw it.
			return text;
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
