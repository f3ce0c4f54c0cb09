package dev.failsafe.idp.admin.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Option;

/**
 * Mixin: a user's standard claims to set ({@code --claim name=value}, repeatable) or clear
 * ({@code --clear-claim name}). {@code email_verified} and {@code phone_number_verified} take
 * {@code true} or {@code false}; the others are text. The provider checks names and sizes.
 */
final class ClaimOptions {

	static final Set<String> BOOLEAN_CLAIMS = Set.of("email_verified", "phone_number_verified");

	@Option(names = "--claim", paramLabel = "NAME=VALUE",
			description = "A standard claim, e.g. name=\"Alice Example\", email=alice@example.com, "
					+ "email_verified=true (repeat for several).")
	Map<String, String> set = new LinkedHashMap<>();

	@Option(names = "--clear-claim", paramLabel = "NAME", description = "A claim to remove (repeat for several).")
	List<String> clear = List.of();

	/** The {@code claims} object of a request: the claims given, cleared ones as null. */
	ObjectNode claims() {
		ObjectNode claims = AdminApi.JSON.createObjectNode();
		this.set.forEach((name, value) -> {
			if (BOOLEAN_CLAIMS.contains(name)) {
				if (!value.equals("true") && !value.equals("false")) {
					throw new CliException.BadInput(name + " takes true or false, not '" + value + "'");
				}
				claims.put(name, Boolean.parseBoolean(value));
			}
			else {
				claims.put(name, value);
			}
		});
		this.clear.forEach(claims::putNull);
		return claims;
	}

}
