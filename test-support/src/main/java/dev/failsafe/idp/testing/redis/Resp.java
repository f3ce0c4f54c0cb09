package dev.failsafe.idp.testing.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The few parts of RESP2 the fixtures need to talk to Redis and Sentinel without a client library.
 * Replies: a simple or bulk string (UTF-8, its length read as the byte count RESP sends), a
 * {@code Long}, a list, or null; an error reply is a {@link ErrorReply}.
 */
public final class Resp {

	private Resp() {
	}

	/** An error reply ({@code -ERR ...}, {@code -NOREPLICAS ...}, {@code -LOADING ...}). */
	public static final class ErrorReply extends IllegalStateException {

		ErrorReply(String message) {
			super("Redis error: " + message);
		}

	}

	/** One command over a fresh connection to {@code host:port}. */
	public static Object call(String host, int port, Duration timeout, String... command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(encode(command));
			out.flush();
			return read(new BufferedInputStream(socket.getInputStream()));
		}
	}

	/** A command as a RESP array of bulk strings. */
	public static byte[] encode(String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (String part : command) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(bytes);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		return out.toByteArray();
	}

	/** Reads one reply. */
	public static Object read(InputStream in) throws IOException {
		int type = in.read();
		if (type < 0) {
			throw new IOException("Connection closed");
		}
		String line = readLine(in);
		return switch (type) {
			case '+' -> line;
			case '-' -> throw new ErrorReply(line);
			case ':' -> Long.parseLong(line);
			case '$' -> {
				int length = Integer.parseInt(line);
				if (length < 0) {
					yield null;
				}
				byte[] bytes = in.readNBytes(length + 2);
				if (bytes.length < length + 2) {
					throw new IOException("Connection closed in a bulk string");
				}
				yield new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*' -> {
				int count = Integer.parseInt(line);
				if (count < 0) {
					yield null;
				}
				List<Object> items = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					items.add(read(in));
				}
				yield items;
			}
			default -> throw new IOException("Unexpected RESP type " + type);
		};
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != '\r') {
			if (c < 0) {
				throw new IOException("Connection closed");
			}
			line.write(c);
		}
		in.read();
		return line.toString(StandardCharsets.UTF_8);
	}

}
