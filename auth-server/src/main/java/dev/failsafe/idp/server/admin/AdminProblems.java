package dev.failsafe.idp.server.admin;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authentication and authorization failures of the admin API as RFC 9457 problems, with the RFC
 * 6750 challenge: 401 without a valid token, 403 without the admin scope. Descriptions are fixed
 * texts; nothing from the token library leaks.
 */
final class AdminProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The RFC 9457 members of a problem, in their usual order. */
	static Map<String, Object> problem(HttpStatus status, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", instance);
		return problem;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer realm=\"admin\"");
		write(request, response, HttpStatus.UNAUTHORIZED,
				tokenSent ? "The access token is not valid." : "An access token with the admin scope is required.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException exception) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer error=\"insufficient_scope\", scope=\"" + AdminSecurityConfiguration.ADMIN_SCOPE + "\"");
		write(request, response, HttpStatus.FORBIDDEN, "The access token lacks the admin scope.");
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String detail) throws IOException {
		// Written by hand since this runs before Spring MVC and its problem mix-in.
		Map<String, Object> problem = problem(status, detail, request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		JSON.writeValue(response.getOutputStream(), problem);
	}

}
