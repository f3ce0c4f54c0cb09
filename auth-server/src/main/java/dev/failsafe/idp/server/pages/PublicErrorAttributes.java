package dev.failsafe.idp.server.pages;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What the error page and the JSON error body may show. The message of a client error (4xx) is
 * one we or Spring Security wrote for the client, such as the protocol error that stopped an
 * authorization request, so it is shown (the error page's {@code error-detail}). The message of a
 * server error is an exception's own text and may name internals, so it is never shown.
 */
@Component
final class PublicErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
		if (!(attributes.get("status") instanceof Integer status && status >= 400 && status < 500)) {
			attributes.remove("message");
		}
		attributes.remove("exception");
		attributes.remove("trace");
		return attributes;
	}

}
