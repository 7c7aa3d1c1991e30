package dev.warden.gateway.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Opening the upstream when a service's addresses are dead: the relay passes over each,
 * but the whole attempt ends at the connect deadline, not after one connect timeout per
 * dead address.
 */
class RelayConnectTests {

	private final List<Socket> held = new ArrayList<>();

	private final List<ServerSocket> listening = new ArrayList<>();

	@AfterEach
	void close() throws IOException {
		for (Socket socket : this.held) {
			socket.close();
		}
		for (ServerSocket server : this.listening) {
			server.close();
		}
	}

	@Test
	void givesUpOnDeadAddressesAtTheConnectDeadline() throws Exception {
		Duration connectTimeout = Duration.ofSeconds(2);
		WebSocketRelayProperties properties = properties(connectTimeout, null);
		List<URI> dead = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			dead.add(URI.create("ws://127.0.0.1:" + swallowingSyns() + "/ws/agents"));
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
		ClientSession client = new ClientSession();

		long start = System.nanoTime();
		boolean open = new Relay(client, properties).connect(http, dead, "token", "request-1");
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(open).isFalse();
		// What the client got before the deadline existed, when no address worked.
		assertThat(client.closed).isNotNull();
		assertThat(client.closed.getCode()).isEqualTo(CloseStatus.SERVICE_OVERLOAD.getCode());
		// The addresses really were dead: the first alone took its connect timeout.
		assertThat(took).isGreaterThanOrEqualTo(connectTimeout.minusMillis(100));
		// The deadline is 4 s; one connect timeout per address would be 12 s. A margin
		// for a busy machine both ways.
		assertThat(took).isLessThan(Duration.ofSeconds(8));
	}

	@Test
	void theDeadlineIsTwiceTheConnectTimeoutUnlessSet() {
		assertThat(properties(Duration.ofSeconds(5), null).connectDeadline()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties(Duration.ofSeconds(5), Duration.ofSeconds(3)).connectDeadline())
			.isEqualTo(Duration.ofSeconds(3));
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(5), Duration.ZERO))
			.withMessageContaining("connect-deadline");
	}

	private static WebSocketRelayProperties properties(Duration connectTimeout, @Nullable Duration connectDeadline) {
		return new WebSocketRelayProperties(List.of(), Duration.ofSeconds(5), connectTimeout, Duration.ofSeconds(30),
				Duration.ofSeconds(20), Duration.ofSeconds(60), DataSize.ofMegabytes(1), Duration.ofSeconds(60),
				connectDeadline);
	}

	/**
	 * A loopback port that swallows connection attempts as an unreachable host does: a
	 * listening socket that never accepts, its backlog filled, so the kernel drops the
	 * SYNs of further connects instead of refusing them.
	 * @return the port
	 */
	private int swallowingSyns() throws IOException {
		ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.listening.add(server);
		for (int i = 0; i < 20; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
				this.held.add(socket);
			}
			catch (SocketTimeoutException full) {
				socket.close();
				return server.getLocalPort();
			}
		}
		throw new IllegalStateException("The backlog never filled: connects are not swallowed here");
	}

	/** The client's side as the relay sees it; notes how it was closed. */
	private static final class ClientSession implements WebSocketSession {

		volatile @Nullable CloseStatus closed;

		private final Map<String, Object> attributes = new HashMap<>();

		@Override
		public String getId() {
			return "client";
		}

		@Override
		public @Nullable URI getUri() {
			return URI.create("ws://127.0.0.1/ws/agents");
		}

		@Override
		public HttpHeaders getHandshakeHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public @Nullable Principal getPrincipal() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getLocalAddress() {
			return null;
		}

		@Override
		public @Nullable InetSocketAddress getRemoteAddress() {
			return null;
		}

		@Override
		public @Nullable String getAcceptedProtocol() {
			return null;
		}

		@Override
		public void setTextMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getTextMessageSizeLimit() {
			return 0;
		}

		@Override
		public void setBinaryMessageSizeLimit(int messageSizeLimit) {
		}

		@Override
		public int getBinaryMessageSizeLimit() {
			return 0;
		}

		@Override
		public List<WebSocketExtension> getExtensions() {
			return List.of();
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) {
		}

		@Override
		public boolean isOpen() {
			return this.closed == null;
		}

		@Override
		public void close() {
			close(CloseStatus.NORMAL);
		}

		@Override
		public void close(CloseStatus status) {
			this.closed = status;
		}

	}

}
