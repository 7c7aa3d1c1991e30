package dev.warden.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A Kafka bootstrap address that takes connections and never answers: the kernel
 * completes connections into the listen backlog and nothing ever reads a request. What a
 * broker that hangs looks like to a client, which a closed port (refused at once) is not.
 */
public final class SilentBroker implements AutoCloseable {

	private final ServerSocket socket;

	private SilentBroker(ServerSocket socket) {
		this.socket = socket;
	}

	/**
	 * Opens one on a free loopback port.
	 * @return the broker
	 */
	public static SilentBroker open() {
		try {
			return new SilentBroker(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the address to give as {@code spring.kafka.bootstrap-servers}.
	 * @return host and port
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
