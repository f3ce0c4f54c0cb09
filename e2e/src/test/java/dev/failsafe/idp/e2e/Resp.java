package dev.failsafe.idp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One Redis or Sentinel command over a fresh socket, answering the reply as text (bulk strings,
 * integers, status; arrays flattened one element per line). Enough to ask who the primary is and
 * whether a node is up, without a client library in the drill's own checks.
 */
final class Resp {

	private Resp() {
	}

	static String call(String host, int port, String... command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(3000);
			StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
			for (String part : command) {
				request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			return read(in);
		}
	}

	private static String read(BufferedReader in) throws IOException {
		String line = in.readLine();
		if (line == null) {
			throw new IOException("connection closed");
		}
		char type = line.charAt(0);
		String rest = line.substring(1);
		switch (type) {
			case '+', ':' -> {
				return rest;
			}
			case '-' -> throw new IOException(rest);
			case '$' -> {
				int length = Integer.parseInt(rest);
				if (length < 0) {
					return "";
				}
				char[] body = new char[length];
				int read = 0;
				while (read < length) {
					read += in.read(body, read, length - read);
				}
				in.readLine();
				return new String(body);
			}
			case '*' -> {
				int count = Integer.parseInt(rest);
				StringBuilder all = new StringBuilder();
				for (int i = 0; i < count; i++) {
					all.append(read(in)).append('\n');
				}
				return all.toString();
			}
			default -> throw new IOException("unexpected reply: " + line);
		}
	}

}
