package dev.failsafe.idp.server.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The values of an HTTP session in Redis (Spring Session's hash fields), short where the value is
 * one of the few a login session holds, Java serialization for the rest. The first byte says which:
 *
 * <ul>
 * <li>{@code L} and a decimal: a {@link Long} (the creation and last access times);
 * {@code I} and a decimal: an {@link Integer} (the idle timeout in seconds); {@code S} and UTF-8: a
 * {@link String};</li>
 * <li>{@code C} and JSON: the {@link SecurityContextImpl} of a password sign-in, its authentication
 * as {@link CompactAuthentication} writes it ({@code C{}} for an empty context);</li>
 * <li>{@code T} and JSON {@code [header name, parameter name, token]}: the CSRF token
 * ({@link DefaultCsrfToken});</li>
 * <li>{@code 0xAC 0xED} (the Java serialization stream header): anything else, and every value
 * written before this encoding, read by Spring's {@link JdkSerializationRedisSerializer} as
 * before.</li>
 * </ul>
 * A {@code null} is the empty value, as Spring's serializer writes it. A signed-in session takes
 * about a third of its Java-serialized size (sizes pinned by {@code CompactSessionValuesTest}).
 */
public final class CompactSessionValues implements RedisSerializer<Object> {

	private static final JsonFactory JSON_FACTORY = new JsonFactory();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdkSerializationRedisSerializer java;

	public CompactSessionValues(ClassLoader classLoader) {
		this.java = new JdkSerializationRedisSerializer(classLoader);
	}

	@Override
	public byte[] serialize(Object value) {
		return switch (value) {
			case null -> new byte[0];
			case Long number -> tagged('L', number.toString());
			case Integer number -> tagged('I', number.toString());
			case String text -> tagged('S', text);
			case SecurityContextImpl context when context.getClass() == SecurityContextImpl.class
					&& (context.getAuthentication() == null
							|| CompactAuthentication.fits(context.getAuthentication())) -> securityContext(context);
			case DefaultCsrfToken csrf -> json('T', json -> {
				json.writeStartArray();
				json.writeString(csrf.getHeaderName());
				json.writeString(csrf.getParameterName());
				json.writeString(csrf.getToken());
				json.writeEndArray();
			});
			default -> this.java.serialize(value);
		};
	}

	@Override
	public Object deserialize(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		String rest = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
		return switch (bytes[0]) {
			case 'L' -> Long.valueOf(rest);
			case 'I' -> Integer.valueOf(rest);
			case 'S' -> rest;
			case 'C' -> {
				JsonNode authentication = JSON.readTree(rest);
				yield authentication.isEmpty() ? new SecurityContextImpl()
						: new SecurityContextImpl(CompactAuthentication.read(authentication));
			}
			case 'T' -> {
				JsonNode csrf = JSON.readTree(rest);
				yield new DefaultCsrfToken(csrf.get(0).asString(), csrf.get(1).asString(), csrf.get(2).asString());
			}
			default -> this.java.deserialize(bytes);
		};
	}

	private static byte[] securityContext(SecurityContext context) {
		return json('C', json -> {
			if (context.getAuthentication() == null) {
				json.writeStartObject();
				json.writeEndObject();
			}
			else {
				CompactAuthentication.write(json, context.getAuthentication());
			}
		});
	}

	private static byte[] tagged(char tag, String text) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[body.length + 1];
		bytes[0] = (byte) tag;
		System.arraycopy(body, 0, bytes, 1, body.length);
		return bytes;
	}

	private static byte[] json(char tag, java.util.function.Consumer<JsonGenerator> writer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.write(tag);
		try (JsonGenerator json = JSON_FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
			writer.accept(json);
		}
		return out.toByteArray();
	}

}
