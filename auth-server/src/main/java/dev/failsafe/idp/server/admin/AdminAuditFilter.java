package dev.failsafe.idp.server.admin;

import java.io.IOException;

import dev.failsafe.idp.server.audit.AuditEntry;
import dev.failsafe.idp.server.audit.AuditEvent;
import dev.failsafe.idp.server.audit.AuditField;
import dev.failsafe.idp.server.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes one audit line per admin call once it is answered, refused ones included: who (the token's
 * client and subject, or anonymous), what (method and path), when (the log line's time) and the
 * outcome (the status).
 */
final class AdminAuditFilter extends OncePerRequestFilter {

	private final AuditLog audit;

	AdminAuditFilter(AuditLog audit) {
		this.audit = audit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			// Read after the chain: the bearer token was authenticated (or refused) inside it.
			String actor = actor(SecurityContextHolder.getContext().getAuthentication());
			this.audit.write(AuditEntry.of(AuditEvent.adminCall(request.getMethod()))
				.with(AuditField.ACTOR, actor)
				.with(AuditField.SUBJECT, request.getRequestURI())
				.with(AuditField.OUTCOME, response.getStatus()));
		}
	}

	/** The client (and user, when there is one) the token was issued to. */
	static String actor(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt) {
			String clientId = jwt.getToken().getClaimAsString("client_id");
			String subject = jwt.getToken().getSubject();
			return (clientId == null || clientId.equals(subject)) ? subject : clientId + "/" + subject;
		}
		return "anonymous";
	}

}
