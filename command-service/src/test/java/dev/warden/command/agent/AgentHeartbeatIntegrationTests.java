package dev.warden.command.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.TestTokens;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection whose agent stops answering pings is closed and forgotten. The JDK client
 * always answers pings, so this test speaks WebSocket over a bare socket and never does.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS },
		properties = { "warden.agents.heartbeat-interval=1s", "warden.agents.heartbeat-timeout=3s" })
class AgentHeartbeatIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient http;

	@Autowired
	AgentSessions sessions;

	@Autowired
	ReplicaBus bus;

	@Test
	void closesAndForgetsAConnectionThatStopsAnsweringPings() throws Exception {
		closesAndForgetsASilentAgent();
	}

	/**
	 * Spring stops and starts lifecycle beans again (a paused test context, a
	 * {@code ConfigurableApplicationContext.stop()}); the heartbeat must come back with
	 * them.
	 */
	@Test
	void startsAgainAfterAStopAndStillClosesSilentAgentsAndHearsOtherReplicas() throws Exception {
		// In the order Spring stops and starts them (the bus after the sessions).
		this.sessions.stop();
		this.bus.stop();
		assertThat(this.sessions.isRunning()).isFalse();
		assertThat(this.bus.isRunning()).isFalse();
		this.bus.start();
		this.sessions.start();
		assertThat(this.sessions.isRunning()).isTrue();

		closesAndForgetsASilentAgent();
		CountDownLatch heard = new CountDownLatch(1);
		this.bus.on("restart-probe", (message) -> heard.countDown());
		// The subscription is made again asynchronously by Redisson: publish until heard.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.bus.publish(this.bus.replica(), "restart-probe", this.bus.message());
			return heard.await(500, TimeUnit.MILLISECONDS);
		});
	}

	private void closesAndForgetsASilentAgent() throws Exception {
		String userId = UUID.randomUUID().toString();
		String token = TestTokens.member(userId).scope("commands").build();
		try (SilentAgent agent = SilentAgent.connect(this.port, token)) {
			assertThat(agent.nextText()).contains("\"authenticated\"");
			agent.sendText("{\"type\":\"register\",\"version\":1,\"name\":\"silent\"}");
			assertThat(agent.nextText()).contains("\"registered\"");
			assertThat(agents(token)).contains("silent");

			int pings = 0;
			long started = System.nanoTime();
			Frame frame;
			while ((frame = agent.nextFrame()).opcode() != SilentAgent.CLOSE) {
				if (frame.opcode() == SilentAgent.PING) {
					pings++;
				}
			}
			Duration closedAfter = Duration.ofNanos(System.nanoTime() - started);
			assertThat(pings).isPositive();
			assertThat(ByteBuffer.wrap(frame.payload()).getShort() & 0xffff).isEqualTo(4410);
			assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
				.contains("heartbeat");
			assertThat(closedAfter).isLessThan(Duration.ofSeconds(30));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> !agents(token).contains("silent"));
	}

	private String agents(String token) {
		return this.http.get()
			.uri("/api/v1/agents")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	record Frame(int opcode, byte[] payload) {
	}

	/** A WebSocket client that answers nothing, written against RFC 6455 by hand. */
	static final class SilentAgent implements AutoCloseable {

		static final int TEXT = 0x1;

		static final int CLOSE = 0x8;

		static final int PING = 0x9;

		private static final SecureRandom random = new SecureRandom();

		private final Socket socket;

		private final DataInputStream in;

		private final OutputStream out;

		private SilentAgent(Socket socket) throws IOException {
			this.socket = socket;
			this.socket.setSoTimeout(60_000);
			this.in = new DataInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		static SilentAgent connect(int port, String token) throws IOException {
			SilentAgent agent = new SilentAgent(new Socket("127.0.0.1", port));
			byte[] nonce = new byte[16];
			random.nextBytes(nonce);
			String request = "GET /ws/agents HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
					+ "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
					+ "Authorization: Bearer " + token + "\r\n\r\n";
			agent.out.write(request.getBytes(StandardCharsets.US_ASCII));
			agent.out.flush();
			String status = agent.readHeaders();
			assertThat(status).startsWith("HTTP/1.1 101");
			return agent;
		}

		private String readHeaders() throws IOException {
			ByteArrayOutputStream headers = new ByteArrayOutputStream();
			while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				headers.write(this.in.readUnsignedByte());
			}
			return headers.toString(StandardCharsets.US_ASCII);
		}

		void sendText(String text) throws IOException {
			byte[] payload = text.getBytes(StandardCharsets.UTF_8);
			byte[] mask = new byte[4];
			random.nextBytes(mask);
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.write(0x80 | TEXT);
			if (payload.length < 126) {
				frame.write(0x80 | payload.length);
			}
			else {
				frame.write(0x80 | 126);
				frame.write(payload.length >>> 8);
				frame.write(payload.length & 0xff);
			}
			frame.write(mask);
			for (int i = 0; i < payload.length; i++) {
				frame.write(payload[i] ^ mask[i % 4]);
			}
			this.out.write(frame.toByteArray());
			this.out.flush();
		}

		String nextText() throws IOException {
			Frame frame;
			while ((frame = nextFrame()).opcode() != TEXT) {
				assertThat(frame.opcode()).isNotEqualTo(CLOSE);
			}
			return new String(frame.payload(), StandardCharsets.UTF_8);
		}

		Frame nextFrame() throws IOException {
			int first = this.in.readUnsignedByte();
			int second = this.in.readUnsignedByte();
			long length = second & 0x7f;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.in.readLong();
			}
			byte[] payload = new byte[Math.toIntExact(length)];
			this.in.readFully(payload);
			return new Frame(first & 0x0f, payload);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
