package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.keyring.ConflictingKeyMaterialException;
import dev.failsafe.idp.server.clients.ClientRegistrations;
import dev.failsafe.idp.server.clients.InvalidClientRegistrationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the admin API as an RFC 9457 problem: Spring MVC's own (bad JSON, wrong method,
 * failed validation) through {@link ResponseEntityExceptionHandler}, and ours below. Scoped to the
 * admin controllers so the pages keep their HTML error page.
 */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
final class AdminErrors extends ResponseEntityExceptionHandler {

	@ExceptionHandler(AdminKeysController.UnknownKeyException.class)
	ProblemDetail unknownKey(AdminKeysController.UnknownKeyException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(AdminClientsController.UnknownClientException.class)
	ProblemDetail unknownClient(AdminClientsController.UnknownClientException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ClientRegistrations.ClientIdTakenException.class)
	ProblemDetail clientIdTaken(ClientRegistrations.ClientIdTakenException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidClientRegistrationException.class)
	ProblemDetail invalidRegistration(InvalidClientRegistrationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid client registration");
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler(ConflictingKeyMaterialException.class)
	ProblemDetail conflictingMaterial(ConflictingKeyMaterialException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				ex.getMessage() + "; nothing was restored.");
	}

	@ExceptionHandler(AdminKeysController.UnreadableBackupException.class)
	ProblemDetail unreadableBackup(AdminKeysController.UnreadableBackupException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The backup cannot be opened: it was altered, or sealed under another key-encryption key.");
	}

	@ExceptionHandler(StoreUnavailableException.class)
	ProblemDetail storeUnavailable(StoreUnavailableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The change could not be confirmed by the replicated store; nothing is acknowledged. Try again.");
	}

}
