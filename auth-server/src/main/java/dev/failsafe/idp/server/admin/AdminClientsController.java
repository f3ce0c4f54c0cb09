package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.replication.keyring.SigningAlgorithm;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.failsafe.idp.server.clients.ApplicationType;
import dev.failsafe.idp.server.clients.BackChannelLogoutRegistration;
import dev.failsafe.idp.server.clients.ClientRegistrations;
import dev.failsafe.idp.server.clients.ClientSpec;
import dev.failsafe.idp.server.clients.InvalidClientRegistrationException;
import dev.failsafe.idp.server.operators.OperatorClients;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/clients}: list, show, create, update, delete, rotate-secret (see docs/admin-api.md). */
@RestController
@RequestMapping("/admin/clients")
final class AdminClientsController {

	private static final String CONFIDENTIAL = "confidential";

	private static final String PUBLIC = "public";

	private final ClientRegistrations registrations;

	AdminClientsController(ClientRegistrations registrations) {
		this.registrations = registrations;
	}

	/** A registration as the API shows it; never the secret or its hash. */
	record ClientView(String clientId, String clientName, String clientType, String applicationType,
			List<String> grantTypes, List<String> redirectUris, List<String> postLogoutRedirectUris, List<String> scopes,
			boolean operator, boolean requireConsent, boolean requirePkce, String signingAlgorithm,
			String backchannelLogoutUri, boolean backchannelLogoutSessionRequired, Instant clientIdIssuedAt) {
	}

	/**
	 * A registration as an operator asks for it. Lists are JSON arrays, one value per element (a
	 * string where an array belongs is refused, never split).
	 */
	record ClientRequest(String clientId, String clientName, String clientType, String applicationType,
			@JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> grantTypes,
			@JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> redirectUris,
			@JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> postLogoutRedirectUris,
			@JsonFormat(without = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> scopes,
			Boolean operator, Boolean requireConsent, String signingAlgorithm, String backchannelLogoutUri,
			Boolean backchannelLogoutSessionRequired) {

		ClientSpec spec(String id) {
			if (this.clientType != null && !CONFIDENTIAL.equals(this.clientType) && !PUBLIC.equals(this.clientType)) {
				throw new InvalidClientRegistrationException("clientType", "clientType must be confidential or public");
			}
			return new ClientSpec(id, this.clientName, !PUBLIC.equals(this.clientType), this.grantTypes,
					this.redirectUris, this.postLogoutRedirectUris, this.scopes, !Boolean.FALSE.equals(this.requireConsent),
					this.signingAlgorithm, Boolean.TRUE.equals(this.operator), this.applicationType,
					this.backchannelLogoutUri, Boolean.TRUE.equals(this.backchannelLogoutSessionRequired));
		}

	}

	record ClientList(List<ClientView> clients) {
	}

	record CreatedClient(ClientView client, String clientSecret) {
	}

	record NewSecret(String clientId, String clientSecret) {
	}

	@GetMapping
	ClientList list() {
		return new ClientList(this.registrations.list().stream().map(AdminClientsController::view).toList());
	}

	@GetMapping("/{clientId}")
	ClientView show(@PathVariable String clientId) {
		return this.registrations.find(clientId).map(AdminClientsController::view)
			.orElseThrow(() -> new UnknownClientException(clientId));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedClient create(@RequestBody ClientRequest request) {
		ClientRegistrations.Created created = this.registrations.create(request.spec(request.clientId()));
		return new CreatedClient(view(created.client()), created.secret());
	}

	@PutMapping("/{clientId}")
	ClientView update(@PathVariable String clientId, @RequestBody ClientRequest request) {
		return this.registrations.update(clientId, request.spec(request.clientId()))
			.map(AdminClientsController::view)
			.orElseThrow(() -> new UnknownClientException(clientId));
	}

	@DeleteMapping("/{clientId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String clientId) {
		if (!this.registrations.delete(clientId)) {
			throw new UnknownClientException(clientId);
		}
	}

	@PostMapping("/{clientId}/secret")
	NewSecret rotateSecret(@PathVariable String clientId) {
		return this.registrations.rotateSecret(clientId)
			.map(secret -> new NewSecret(clientId, secret))
			.orElseThrow(() -> new UnknownClientException(clientId));
	}

	private static ClientView view(RegisteredClient client) {
		boolean confidential = !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
		var algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
		var backChannelLogout = BackChannelLogoutRegistration.of(client);
		return new ClientView(client.getClientId(), client.getClientName(), confidential ? CONFIDENTIAL : PUBLIC,
				ApplicationType.of(client).value(),
				client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList(),
				client.getRedirectUris().stream().sorted().toList(),
				client.getPostLogoutRedirectUris().stream().sorted().toList(),
				client.getScopes().stream().sorted().toList(), OperatorClients.isOperator(client),
				client.getClientSettings().isRequireAuthorizationConsent(), client.getClientSettings().isRequireProofKey(),
				(algorithm != null) ? algorithm.getName() : SigningAlgorithm.DEFAULT.name(),
				backChannelLogout.map(BackChannelLogoutRegistration::uri).orElse(null),
				backChannelLogout.map(BackChannelLogoutRegistration::sessionRequired).orElse(false),
				client.getClientIdIssuedAt());
	}

	/** No client has this id. */
	static final class UnknownClientException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnknownClientException(String clientId) {
			super("No client with id " + clientId + " is registered.");
		}

	}

}
