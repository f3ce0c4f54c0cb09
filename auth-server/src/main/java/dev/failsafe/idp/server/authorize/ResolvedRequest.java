package dev.failsafe.idp.server.authorize;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpMethod;

/**
 * An authorization request as the authorization server must read it: its parameters replaced by
 * {@code parameters} (a request object's claims merged, a pushed request's parameters, unregistered
 * scopes dropped). A GET carries them as its query, a POST as its form; nothing else changes.
 * {@link #asGet} is one resumed after the login form: a GET whatever the form's POST carried.
 */
final class ResolvedRequest extends HttpServletRequestWrapper {

	private final Map<String, String[]> parameters;

	private final String queryString;

	private final boolean asGet;

	private ResolvedRequest(HttpServletRequest request, AuthorizationParameters parameters, boolean asGet) {
		super(request);
		this.parameters = Collections.unmodifiableMap(parameters.toParameterMap());
		this.asGet = asGet;
		this.queryString = (asGet || HttpMethod.GET.matches(request.getMethod())) ? parameters.toQueryString()
				: null;
	}

	/** {@code request} with its method, carrying {@code parameters} instead of its own. */
	static ResolvedRequest of(HttpServletRequest request, AuthorizationParameters parameters) {
		return new ResolvedRequest(request, parameters, false);
	}

	/** A GET carrying {@code parameters}, whatever {@code request} was (the login form's POST). */
	static ResolvedRequest asGet(HttpServletRequest request, AuthorizationParameters parameters) {
		return new ResolvedRequest(request, parameters, true);
	}

	@Override
	public String getMethod() {
		return this.asGet ? HttpMethod.GET.name() : super.getMethod();
	}

	@Override
	public long getContentLengthLong() {
		return this.asGet ? -1 : super.getContentLengthLong();
	}

	@Override
	public int getContentLength() {
		return this.asGet ? -1 : super.getContentLength();
	}

	@Override
	public String getContentType() {
		return this.asGet ? null : super.getContentType();
	}

	@Override
	public String getQueryString() {
		return this.queryString;
	}

	@Override
	public String getParameter(String name) {
		String[] values = this.parameters.get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return this.parameters;
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(this.parameters.keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		String[] values = this.parameters.get(name);
		return (values != null) ? values.clone() : null;
	}

}
