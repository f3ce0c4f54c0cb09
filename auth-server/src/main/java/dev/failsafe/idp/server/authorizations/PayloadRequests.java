package dev.failsafe.idp.server.authorizations;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The authorization request in an {@link AuthorizationPayload} (member {@code r}): {@code u}
 * authorization URI, {@code ci} client id unless the registered client's, {@code ru} redirect URI,
 * {@code s} scopes unless the authorized ones, {@code st} the client's {@code state}, {@code x} the
 * other parameters as strings, {@code at} its attributes (typed JSON).
 */
final class PayloadRequests {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper typed;

	PayloadRequests(JsonMapper typed) {
		this.typed = typed;
	}

	/** Whether the short form of a request holds all of it: a code request whose parameters are strings. */
	static boolean fits(OAuth2AuthorizationRequest request) {
		return AuthorizationGrantType.AUTHORIZATION_CODE.equals(request.getGrantType())
				&& OAuth2AuthorizationResponseType.CODE.equals(request.getResponseType())
				&& request.getAdditionalParameters().values().stream().allMatch(String.class::isInstance);
	}

	void write(JsonGenerator json, OAuth2AuthorizationRequest request, RegisteredClient client,
			Set<String> authorizedScopes) {
		json.writeObjectPropertyStart("r");
		json.writeStringProperty("u", request.getAuthorizationUri());
		if (client == null || !client.getClientId().equals(request.getClientId())) {
			json.writeStringProperty("ci", request.getClientId());
		}
		if (request.getRedirectUri() != null) {
			json.writeStringProperty("ru", request.getRedirectUri());
		}
		if (!request.getScopes().equals(authorizedScopes)) {
			json.writeArrayPropertyStart("s");
			request.getScopes().forEach(json::writeString);
			json.writeEndArray();
		}
		if (request.getState() != null) {
			json.writeStringProperty("st", request.getState());
		}
		if (!request.getAdditionalParameters().isEmpty()) {
			json.writeObjectPropertyStart("x");
			request.getAdditionalParameters().forEach((name, value) -> json.writeStringProperty(name, (String) value));
			json.writeEndObject();
		}
		if (!request.getAttributes().isEmpty()) {
			json.writeStringProperty("at", this.typed.writeValueAsString(new HashMap<>(request.getAttributes())));
		}
		json.writeEndObject();
	}

	OAuth2AuthorizationRequest read(JsonNode request, RegisteredClient client,
			Set<String> authorizedScopes) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> parameter : request.path("x").properties()) {
			parameters.put(parameter.getKey(), parameter.getValue().asString());
		}
		Map<String, Object> requestAttributes = request.hasNonNull("at")
				? this.typed.readValue(request.get("at").asString(), MAP) : Map.of();
		return OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(request.get("u").asString())
			.clientId(request.hasNonNull("ci") ? request.get("ci").asString() : client.getClientId())
			.redirectUri(request.hasNonNull("ru") ? request.get("ru").asString() : null)
			.scopes(request.has("s") ? AuthorizationPayload.strings(request.get("s")) : authorizedScopes)
			.state(request.hasNonNull("st") ? request.get("st").asString() : null)
			.additionalParameters(parameters)
			.attributes(attrs -> attrs.putAll(requestAttributes))
			.build();
	}

}
