package dev.warden.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests no client library sends as
 * written (broken escapes, an encoded slash, a malformed WebSocket handshake): the
 * request goes out byte for byte, the sending side is then closed, and the whole answer
 * is read.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body as text, de-chunked
 */
public record RawHttp(int status, Map<String, String> headers, String body) {

	/**
	 * Sends a request and reads the answer until the server closes the connection.
	 * @param port the local port
	 * @param request the request line, headers, blank line and body, exactly as sent
	 * @return the answer
	 * @throws IOException if the connection fails or the server does not answer in 10 s
	 */
	public static RawHttp exchange(int port, String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			// Nothing more comes: the server answers and closes even a keep-alive
			// connection.
			socket.shutdownOutput();
			String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, (end < 0) ? text.length() : end).split("\r\n");
			Map<String, String> headers = new TreeMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				if (colon > 0) {
					headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							head[i].substring(colon + 1).strip());
				}
			}
			String body = (end < 0) ? "" : text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new RawHttp(Integer.parseInt(head[0].split(" ")[1]), headers, body);
		}
	}

	/**
	 * Returns a header's value.
	 * @param name the header's name, in any case
	 * @return its value, or an empty string
	 */
	public String header(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int eol = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, eol).strip(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, eol + 2, eol + 2 + size);
			at = eol + 2 + size + 2;
		}
		return body.toString();
	}

}
