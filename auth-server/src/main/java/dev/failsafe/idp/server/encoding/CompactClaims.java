package dev.failsafe.idp.server.encoding;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * A map of claims (a token's) as one JSON object of plain members. A value JSON has a type for
 * (string, boolean, int, double, a list or map of those) is written as itself; the few others get a
 * suffix on the member's name that says how to read the value back:
 *
 * <ul>
 * <li>{@code name~t}: an {@link Instant}, as nanoseconds since the epoch (a number);</li>
 * <li>{@code name~d}: a {@link Date}, as milliseconds since the epoch;</li>
 * <li>{@code name~u}: a {@link URL}, as its string;</li>
 * <li>{@code name~l}: a {@link Long}, as a number;</li>
 * <li>{@code name~s}: a {@link Set} of strings, as an array;</li>
 * <li>{@code name~r}: equal to one of the values the caller knows anyway (a token's issue time, its
 * client, ...), named by the one-letter key the caller gave it in {@code references}.</li>
 * </ul>
 * So {@code {"sub":"alice","iss~u":"https://idp.example","exp~t":1796418688598517225,"iat~r":"i"}}
 * reads back as a String, a URL, an Instant and the reference {@code i}'s value, equal to what was
 * written. A map holding anything else (a name with {@code ~}, another type, an Instant past 2255)
 * does not {@link #fits fit}.
 */
public final class CompactClaims {

	private static final char SUFFIX = '~';

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/** Instants whose nanoseconds since the epoch fit in a long (years 1685 to 2255). */
	private static final long MAX_EPOCH_SECONDS = 9_000_000_000L;

	private CompactClaims() {
	}

	/** Whether {@link #write} can write {@code claims} so that {@link #read} gives them back equal. */
	public static boolean fits(Map<String, ?> claims) {
		for (Map.Entry<String, ?> claim : claims.entrySet()) {
			if (claim.getKey().indexOf(SUFFIX) >= 0 || !fitsTopLevel(claim.getValue())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes {@code claims} (which must {@link #fits fit}) as one JSON object; a claim equal to (and
	 * of the class of) a value in {@code references} is written as that value's key.
	 */
	public static void write(JsonGenerator json, Map<String, ?> claims, Map<String, ?> references) {
		json.writeStartObject();
		for (Map.Entry<String, ?> claim : claims.entrySet()) {
			String name = claim.getKey();
			String reference = referenceTo(claim.getValue(), references);
			if (reference != null) {
				json.writeStringProperty(name + "~r", reference);
				continue;
			}
			switch (claim.getValue()) {
				case Instant instant -> json.writeNumberProperty(name + "~t", epochNanos(instant));
				case Date date -> json.writeNumberProperty(name + "~d", date.getTime());
				case URL url -> json.writeStringProperty(name + "~u", url.toString());
				case Long number -> json.writeNumberProperty(name + "~l", number);
				case Set<?> strings -> {
					json.writeArrayPropertyStart(name + "~s");
					strings.forEach(value -> json.writeString((String) value));
					json.writeEndArray();
				}
				case Object plain -> {
					json.writeName(name);
					writePlain(json, plain);
				}
			}
		}
		json.writeEndObject();
	}

	/** The claims an object {@link #write} wrote, in its order, with the same {@code references}. */
	public static Map<String, Object> read(JsonNode object, Map<String, ?> references) {
		Map<String, Object> claims = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : object.properties()) {
			String name = member.getKey();
			JsonNode value = member.getValue();
			int suffix = name.lastIndexOf(SUFFIX);
			if (suffix < 0) {
				claims.put(name, readPlain(value));
				continue;
			}
			String claim = name.substring(0, suffix);
			claims.put(claim, switch (name.substring(suffix + 1)) {
				case "t" -> instant(value.longValue());
				case "d" -> new Date(value.longValue());
				case "u" -> url(value.asString());
				case "l" -> value.longValue();
				case "r" -> {
					Object referenced = references.get(value.asString());
					if (referenced == null) {
						throw new IllegalArgumentException("Unknown reference in " + name);
					}
					yield (referenced instanceof List<?> list) ? new ArrayList<>(list) : referenced;
				}
				case "s" -> {
					Set<String> strings = new LinkedHashSet<>();
					value.forEach(element -> strings.add(element.asString()));
					yield strings;
				}
				default -> throw new IllegalArgumentException("Unknown claim type suffix in " + name);
			});
		}
		return claims;
	}

	/** The key of the first reference equal to {@code value}: of its class, or both lists of equal elements. */
	private static String referenceTo(Object value, Map<String, ?> references) {
		for (Map.Entry<String, ?> reference : references.entrySet()) {
			Object known = reference.getValue();
			boolean sameKind = known != null
					&& (known.getClass() == value.getClass() || (known instanceof List && value instanceof List));
			if (sameKind && known.equals(value)) {
				return reference.getKey();
			}
		}
		return null;
	}

	private static boolean fitsTopLevel(Object value) {
		return switch (value) {
			case null -> false;
			case Instant instant -> fitsEpochNanos(instant);
			case Date date -> true;
			case URL url -> true;
			case Long number -> true;
			case Set<?> set -> set.stream().allMatch(String.class::isInstance);
			default -> fitsPlain(value);
		};
	}

	/** A value JSON keeps as it is: string, boolean, int, double, and lists and string-keyed maps of those. */
	private static boolean fitsPlain(Object value) {
		return switch (value) {
			case String text -> true;
			case Boolean bool -> true;
			case Integer number -> true;
			case Double number -> !number.isNaN() && !number.isInfinite();
			case List<?> list -> list.stream().allMatch(element -> element != null && fitsPlain(element));
			case Map<?, ?> map -> map.entrySet()
				.stream()
				.allMatch(member -> member.getKey() instanceof String && member.getValue() != null
						&& fitsPlain(member.getValue()));
			default -> false;
		};
	}

	private static void writePlain(JsonGenerator json, Object value) {
		switch (value) {
			case String text -> json.writeString(text);
			case Boolean bool -> json.writeBoolean(bool);
			case Integer number -> json.writeNumber(number);
			case Double number -> json.writeNumber(number);
			case Collection<?> list -> {
				json.writeStartArray();
				list.forEach(element -> writePlain(json, element));
				json.writeEndArray();
			}
			case Map<?, ?> map -> {
				json.writeStartObject();
				map.forEach((name, member) -> {
					json.writeName((String) name);
					writePlain(json, member);
				});
				json.writeEndObject();
			}
			default -> throw new IllegalArgumentException("Not a plain JSON value: " + value.getClass().getName());
		}
	}

	private static Object readPlain(JsonNode value) {
		if (value.isString()) {
			return value.asString();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isInt()) {
			return value.intValue();
		}
		if (value.isNumber()) {
			return value.doubleValue();
		}
		if (value.isArray()) {
			List<Object> list = new ArrayList<>();
			value.forEach(element -> list.add(readPlain(element)));
			return list;
		}
		if (value.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Iterator<Map.Entry<String, JsonNode>> members = value.properties().iterator(); members.hasNext();) {
				Map.Entry<String, JsonNode> member = members.next();
				map.put(member.getKey(), readPlain(member.getValue()));
			}
			return map;
		}
		throw new IllegalArgumentException("Not a plain JSON value: " + value.getNodeType());
	}

	/** Nanoseconds since the epoch of an instant within {@link #MAX_EPOCH_SECONDS}. */
	public static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
	}

	/** The instant {@link #epochNanos} gave. */
	public static Instant instant(long epochNanos) {
		return Instant.ofEpochSecond(Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
	}

	/** Whether {@link #epochNanos} can hold {@code instant}. */
	public static boolean fitsEpochNanos(Instant instant) {
		return Math.abs(instant.getEpochSecond()) < MAX_EPOCH_SECONDS;
	}

	private static URL url(String value) {
		try {
			return URI.create(value).toURL();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("Not a URL: " + value, ex);
		}
	}

}
