package dev.warden.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Helpers for loopback ports. */
public final class Ports {

	private Ports() {
	}

	/**
	 * Returns a loopback port that was free a moment ago.
	 * @return a port number
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
	}

	/**
	 * Tells whether something accepts connections on a loopback port.
	 * @param port the port
	 * @return whether a connection succeeded
	 */
	public static boolean inUse(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
