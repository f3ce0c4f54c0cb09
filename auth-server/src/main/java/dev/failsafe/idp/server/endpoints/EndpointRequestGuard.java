package dev.failsafe.idp.server.endpoints;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.failsafe.idp.server.protocol.ProtocolErrorResponder;
import dev.failsafe.idp.server.protocol.ProtocolErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers, before Spring Security sees them, requests to the protocol endpoints that cannot be
 * protocol requests: an HTTP method the endpoint does not serve gets 405 with {@code Allow}; a POST
 * to a form endpoint (token, introspection, revocation) whose body is not a form, is larger than
 * {@code maxFormBytes}, cannot be parsed or repeats a parameter (RFC 6749 section 3.2) gets 400
 * {@code invalid_request}. All as JSON through the {@link ProtocolErrorResponder}.
 *
 * <p>Without it such requests miss the authorization server's chain (its matchers are per method)
 * and come back from the pages chain as a login redirect or a CSRF 403, or from the container as a
 * generic 413/400; and a repeated {@code code} or {@code code_verifier} made Spring's PKCE check
 * fail with a ClassCastException (500). {@code OPTIONS} is let through for CORS handling.
 */
public final class EndpointRequestGuard extends OncePerRequestFilter {

	/** Parameters that RFC 8707 and RFC 8693 allow to repeat. */
	private static final Set<String> REPEATABLE = Set.of("resource", "audience");

	private final Map<String, Rule> rules;

	private final long maxFormBytes;

	private final ProtocolErrorResponder errors;

	/**
	 * What an endpoint accepts.
	 *
	 * @param path the endpoint's path
	 * @param methods the methods it serves
	 * @param formBody whether its POST body must be an {@code application/x-www-form-urlencoded} form
	 */
	public record Rule(String path, Set<HttpMethod> methods, boolean formBody) {

		public Rule {
			methods = Set.copyOf(methods);
		}

		String allowHeader() {
			return this.methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
		}

	}

	public EndpointRequestGuard(List<Rule> rules, long maxFormBytes, ProtocolErrorResponder errors) {
		this.rules = rules.stream().collect(Collectors.toUnmodifiableMap(Rule::path, Function.identity()));
		this.maxFormBytes = maxFormBytes;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return HttpMethod.OPTIONS.matches(request.getMethod()) || !this.rules.containsKey(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Rule rule = this.rules.get(path(request));
		if (rule.methods().stream().noneMatch(method -> method.matches(request.getMethod()))) {
			response.setHeader(HttpHeaders.ALLOW, rule.allowHeader());
			this.errors.write(request, response, ProtocolErrors.methodNotAllowed(request.getMethod()),
					HttpStatus.METHOD_NOT_ALLOWED);
			return;
		}
		if (rule.formBody() && HttpMethod.POST.matches(request.getMethod())) {
			if (!isForm(request.getContentType())) {
				this.errors.write(request, response, ProtocolErrors.unsupportedContentType());
				return;
			}
			if (request.getContentLengthLong() > this.maxFormBytes) {
				this.errors.write(request, response, ProtocolErrors.requestTooLarge());
				return;
			}
			Map<String, String[]> parameters;
			try {
				parameters = request.getParameterMap();
			}
			catch (IllegalStateException ex) {
				// The container refuses a form it cannot parse: bad encoding, too many parameters,
				// or a chunked body past the size limit.
				this.errors.write(request, response, ProtocolErrors.unreadableForm());
				return;
			}
			for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
				if (parameter.getValue().length > 1 && !REPEATABLE.contains(parameter.getKey())) {
					this.errors.write(request, response, ProtocolErrors.repeatedParameter(parameter.getKey()));
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
