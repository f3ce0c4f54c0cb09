package dev.failsafe.idp.admin.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers with canned responses written from docs/admin-api.md, so the
 * CLI's commands can be tested against the contract. It checks the token request and the bearer
 * token and records each admin request; it has no behaviour of its own.
 */
final class ContractServer implements AutoCloseable {

	static final String CLIENT_ID = "ops-admin";

	static final String CLIENT_SECRET = "ops-admin-secret";

	static final String TOKEN = "canned-access-token";

	/** A recorded admin request. */
	record Request(String method, String path, String body) {
	}

	private record Canned(int status, String body) {
	}

	private final HttpServer server;

	private final Map<String, Canned> answers = new ConcurrentHashMap<>();

	final List<Request> requests = new CopyOnWriteArrayList<>();

	ContractServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/oauth2/token", this::token);
		this.server.createContext("/admin/", this::admin);
		this.server.start();
	}

	String issuer() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	Map<String, String> environment() {
		return Map.of("IDP_ISSUER", issuer(), "IDP_ADMIN_CLIENT_ID", CLIENT_ID, "IDP_ADMIN_CLIENT_SECRET", CLIENT_SECRET);
	}

	/** Answers {@code method path} with this status and body (a problem when the status is 4xx/5xx). */
	ContractServer answer(String method, String path, int status, String body) {
		this.answers.put(method + " " + path, new Canned(status, body));
		return this;
	}

	static String problem(int status, String title, String detail, String instance) {
		return """
				{"type":"about:blank","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
			.formatted(title, status, detail, instance);
	}

	private void token(HttpExchange exchange) throws IOException {
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "application/json",
					"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed.\"}");
		}
		else if (!form.equals("grant_type=client_credentials&scope=admin")) {
			send(exchange, 400, "application/json", "{\"error\":\"invalid_request\"}");
		}
		else {
			send(exchange, 200, "application/json",
					"{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"admin\"}");
		}
	}

	private void admin(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "application/problem+json", problem(401, "Unauthorized", "The access token is not valid.", path));
			return;
		}
		this.requests.add(new Request(exchange.getRequestMethod(), path, body));
		Canned canned = this.answers.get(exchange.getRequestMethod() + " " + path);
		if (canned == null) {
			send(exchange, 404, "application/problem+json", problem(404, "Not Found", "No static resource.", path));
			return;
		}
		send(exchange, canned.status(), (canned.status() >= 400) ? "application/problem+json" : "application/json",
				canned.body());
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length > 0) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
