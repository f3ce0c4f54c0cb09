package dev.failsafe.idp.server.admin;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Boot's error controller, except under {@code /admin/}: a request that never reached an admin
 * controller (no such path, a method the path does not take, a request the firewall refused) is
 * answered as an RFC 9457 problem too, with a fixed detail, like every other admin API error.
 */
final class AdminErrorController extends BasicErrorController {

	AdminErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorProperties, errorViewResolvers);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(path instanceof String uri) || !(uri.equals("/admin") || uri.startsWith("/admin/"))) {
			return super.error(request);
		}
		HttpStatus status = getStatus(request);
		String detail = switch (status) {
			case NOT_FOUND -> "There is no such admin resource.";
			case METHOD_NOT_ALLOWED -> "This admin resource does not take this method.";
			case UNSUPPORTED_MEDIA_TYPE -> "The admin API takes JSON (application/json).";
			default -> status.is4xxClientError() ? "The request was refused." : "The request failed.";
		};
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(AdminProblems.problem(status, detail, uri));
	}

}
