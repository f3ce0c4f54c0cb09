package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.keyring.ConflictingKeyMaterialException;
import dev.failsafe.idp.server.clients.ClientRegistrations;
import dev.failsafe.idp.server.clients.InvalidClientRegistrationException;
import dev.failsafe.idp.server.users.UserAccounts;

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

	/** No such key, client or user: the exception's message names what was asked for. */
	@ExceptionHandler({ AdminKeysController.UnknownKeyException.class,
			AdminClientsController.UnknownClientException.class, AdminUsersController.UnknownUserException.class })
	ProblemDetail unknown(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	/** A client id or username taken; the message says by whom. */
	@ExceptionHandler({ ClientRegistrations.ClientIdTakenException.class, UserAccounts.UsernameTakenException.class })
	ProblemDetail taken(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidClientRegistrationException.class)
	ProblemDetail invalidRegistration(InvalidClientRegistrationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid client registration");
		problem.setProperty("field", ex.field());
		return problem;
	}

	/** A user breaking a rule; the message says which. */
	@ExceptionHandler(UserAccounts.InvalidUserException.class)
	ProblemDetail invalidUser(UserAccounts.InvalidUserException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid user");
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
