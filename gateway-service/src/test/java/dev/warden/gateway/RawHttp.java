package dev.warden.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response from a raw socket, for tests that write requests byte by
 * byte. It stops at the end of the response, by {@code Content-Length} or the last chunk,
 * instead of waiting for the server to close the connection: a client that is done with
 * an answer need not wait for that.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Reads a response's head and body.
	 * @param in the connection's input
	 * @return the head as sent, followed by the body (de-chunked)
	 * @throws IOException when the connection ends before the response does
	 */
	static String readResponse(InputStream in) throws IOException {
		String head = readUntil(in, "\r\n\r\n");
		String lower = head.toLowerCase(Locale.ROOT);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (lower.contains("\r\ntransfer-encoding: chunked")) {
			while (true) {
				String sizeLine = readUntil(in, "\r\n").trim();
				int size = Integer.parseInt(sizeLine.split(";")[0], 16);
				if (size == 0) {
					readUntil(in, "\r\n");
					break;
				}
				body.write(readExactly(in, size));
				readUntil(in, "\r\n");
			}
		}
		else {
			int at = lower.indexOf("\r\ncontent-length:");
			if (at >= 0) {
				int end = lower.indexOf("\r\n", at + 2);
				int length = Integer.parseInt(lower.substring(at + "\r\ncontent-length:".length(), end).trim());
				body.write(readExactly(in, length));
			}
		}
		return head + body.toString(StandardCharsets.UTF_8);
	}

	private static String readUntil(InputStream in, String terminator) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(terminator)) {
			int next = in.read();
			if (next < 0) {
				throw new EOFException(
						"The connection ended within the response: " + read.toString(StandardCharsets.ISO_8859_1));
			}
			read.write(next);
		}
		return read.toString(StandardCharsets.ISO_8859_1);
	}

	private static byte[] readExactly(InputStream in, int length) throws IOException {
		byte[] bytes = in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("The connection ended after " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

}
