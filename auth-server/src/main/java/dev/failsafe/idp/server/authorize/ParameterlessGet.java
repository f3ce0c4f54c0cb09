package dev.failsafe.idp.server.authorize;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpMethod;

/**
 * A request forwarded inside the provider as a GET without parameters of its own: the login page
 * shown in answer to an authorization request (a POST must not reach the login form's processing),
 * and an authorization request resumed after the login form's POST (whose username, password and
 * CSRF token must never become authorization parameters). A forward's target adds its own query.
 */
final class ParameterlessGet extends HttpServletRequestWrapper {

	ParameterlessGet(HttpServletRequest request) {
		super(request);
	}

	@Override
	public String getMethod() {
		return HttpMethod.GET.name();
	}

	@Override
	public String getQueryString() {
		return null;
	}

	@Override
	public String getParameter(String name) {
		return null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return Map.of();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.emptyEnumeration();
	}

	@Override
	public String[] getParameterValues(String name) {
		return null;
	}

	@Override
	public String getContentType() {
		return null;
	}

	@Override
	public int getContentLength() {
		return -1;
	}

	@Override
	public long getContentLengthLong() {
		return -1;
	}

}
