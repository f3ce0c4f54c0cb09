package dev.failsafe.idp.replication.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.StringRedisConnection;

/**
 * Runs a Lua script that answers an integer: {@code EVALSHA} by its SHA-1, the whole script by
 * {@code EVAL} only when the server does not know it yet ({@code NOSCRIPT}: a new or promoted server
 * has an empty script cache).
 */
public final class RedisScripts {

	private RedisScripts() {
	}

	/**
	 * @param keys how many of {@code keysAndArgs} are {@code KEYS}; the rest are {@code ARGV}
	 */
	public static long run(StringRedisConnection connection, String script, int keys, List<String> keysAndArgs) {
		String[] parameters = keysAndArgs.toArray(String[]::new);
		Object result;
		try {
			result = connection.evalSha(sha1(script), ReturnType.INTEGER, keys, parameters);
		}
		catch (RuntimeException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			result = connection.eval(script, ReturnType.INTEGER, keys, parameters);
		}
		return ((Number) result).longValue();
	}

	private static boolean isNoScript(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
				return true;
			}
		}
		return false;
	}

	static String sha1(String script) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
