package dev.failsafe.idp.server.keys;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a JWT's claims as the JSON of its payload, the way Nimbus writes them for Spring's JWT
 * encoder: times ({@link Instant}, {@link Date}) as whole seconds since the epoch, an issuer or
 * other {@link URL}/{@link URI} as its string, a one-element {@code aud} as that string, null values
 * left out, strings, numbers, booleans, collections and maps as themselves. A value of any other
 * type makes {@link #write} answer null, and the caller takes the general path.
 */
final class JwtClaimsJson {

	private static final JsonFactory JSON = new JsonFactory();

	private JwtClaimsJson() {
	}

	/** The payload's JSON bytes, or null if a claim holds a value of a type not listed above. */
	static byte[] write(Map<String, Object> claims) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			for (Map.Entry<String, Object> claim : claims.entrySet()) {
				Object value = claim.getValue();
				if (value == null) {
					continue;
				}
				json.writeName(claim.getKey());
				if ("aud".equals(claim.getKey()) && value instanceof Collection<?> audience && audience.size() == 1) {
					value = audience.iterator().next();
				}
				if (!writeValue(json, value)) {
					return null;
				}
			}
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static boolean writeValue(JsonGenerator json, Object value) {
		switch (value) {
			case String text -> json.writeString(text);
			case Boolean bool -> json.writeBoolean(bool);
			case Integer number -> json.writeNumber(number);
			case Long number -> json.writeNumber(number);
			case Instant instant -> json.writeNumber(instant.getEpochSecond());
			case Date date -> json.writeNumber(date.getTime() / 1000);
			case URL url -> json.writeString(url.toString());
			case URI uri -> json.writeString(uri.toString());
			case Collection<?> values -> {
				json.writeStartArray();
				for (Object element : values) {
					if (element == null || !writeValue(json, element)) {
						return false;
					}
				}
				json.writeEndArray();
			}
			case Map<?, ?> members -> {
				json.writeStartObject();
				for (Map.Entry<?, ?> member : members.entrySet()) {
					if (!(member.getKey() instanceof String name)) {
						return false;
					}
					if (member.getValue() == null) {
						continue;
					}
					json.writeName(name);
					if (!writeValue(json, member.getValue())) {
						return false;
					}
				}
				json.writeEndObject();
			}
			default -> {
				return false;
			}
		}
		return true;
	}

}
