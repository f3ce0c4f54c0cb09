package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.replication.StoreUnavailableException;
import dev.failsafe.idp.replication.keyring.ConflictingKeyMaterialException;
import dev.failsafe.idp.server.clients.ClientRegistrations;
import dev.failsafe.idp.server.clients.InvalidClientRegistrationException;
import dev.failsafe.idp.server.protocol.RetryAfter;
import dev.failsafe.idp.server.stores.StoreFailures;
import dev.failsafe.idp.server.users.UserAccounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
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

	private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);

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
	ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException ex) {
		return tryAgain("The change could not be confirmed by the replicated store; nothing is acknowledged. Try again.");
	}

	/**
	 * The directory (users, clients) failed: while it fails over (no primary reachable, a standby
	 * reached, a connection cut) the change is not acknowledged and the operator tries again; any
	 * other database error is a 500 that names nothing internal.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> directoryFailed(RuntimeException ex) {
		if (StoreFailures.unavailable(ex)) {
			log.warn("Directory unavailable for an admin call: {}", ex.toString());
			return tryAgain("The directory could not take the change now (it may be failing over); "
					+ "nothing is acknowledged. Try again.");
		}
		log.error("Directory error in an admin call", ex);
		return ResponseEntity.internalServerError()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The directory refused the change."));
	}

	private static ResponseEntity<ProblemDetail> tryAgain(String detail) {
		HttpHeaders headers = new HttpHeaders();
		RetryAfter.unconfirmedWrite(headers);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.headers(headers)
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
	}

}
