package dev.warden.platform.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.1 exchange over a plain socket, for requests no client library sends as
 * written (broken escapes, an encoded slash): the request goes out byte for byte.
 *
 * @param status the status code
 * @param headers the headers, names in lower case
 * @param body the body, as text
 */
record RawResponse(int status, Map<String, String> headers, String body) {

	static RawResponse exchange(int port, String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
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
			return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers,
					(end < 0) ? "" : text.substring(end + 4));
		}
	}

	String header(String name) {
		return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
	}

}
