package dev.warden.gateway.edge;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A WebSocket service behind the gateway (embedded Tomcat, plain Jakarta WebSocket) at
 * {@code /ws/agents}: answers {@code auth} messages with {@code authenticated} as
 * command-service does, echoes other text as {@code echo:<text>} and binary as is, closes
 * with 4409 "replaced" when told {@code close-me}, and records the handshake headers, the
 * query, the {@code Host} each handshake named, the messages it received and the close
 * code it got. Several instances share the records.
 */
final class WebSocketEchoUpstream {

	static final AtomicReference<Map<String, List<String>>> handshakeHeaders = new AtomicReference<>(Map.of());

	static final AtomicReference<String> handshakeQuery = new AtomicReference<>("");

	static final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	static final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();

	/** The {@code Host} of every handshake, which tells the instances apart. */
	static final BlockingQueue<String> handshakeHosts = new LinkedBlockingQueue<>();

	private final Tomcat tomcat;

	private final int port;

	WebSocketEchoUpstream() {
		try {
			File base = Files.createTempDirectory("ws-echo").toFile();
			this.tomcat = new Tomcat();
			this.tomcat.setBaseDir(base.getAbsolutePath());
			Connector connector = new Connector();
			connector.setPort(0);
			connector.setProperty("address", "127.0.0.1");
			this.tomcat.setConnector(connector);
			Context context = this.tomcat.addContext("", base.getAbsolutePath());
			Tomcat.addServlet(context, "default", new HttpServlet() {
			});
			context.addServletMappingDecoded("/", "default");
			context.addServletContainerInitializer(new WsSci(), null);
			context.addServletContainerInitializer(
					(classes, servletContext) -> servletContext.addListener(new ServletContextListener() {
						@Override
						public void contextInitialized(ServletContextEvent event) {
							ServerContainer container = (ServerContainer) event.getServletContext()
								.getAttribute(ServerContainer.class.getName());
							try {
								container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/ws/agents")
									.configurator(new Recorder())
									.build());
							}
							catch (DeploymentException ex) {
								throw new IllegalStateException(ex);
							}
						}
					}), null);
			this.tomcat.start();
			this.port = connector.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (LifecycleException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	void stop() throws LifecycleException {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	/** Records the handshake. */
	public static final class Recorder extends ServerEndpointConfig.Configurator {

		@Override
		public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
			handshakeHeaders.set(Map.copyOf(request.getHeaders()));
			request.getHeaders()
				.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase("Host"))
				.forEach((header) -> handshakeHosts.add(header.getValue().getFirst()));
			handshakeQuery.set(String.valueOf(request.getQueryString()));
		}

	}

	/** Echoes. */
	public static final class Echo extends Endpoint {

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			session.addMessageHandler(String.class, (MessageHandler.Whole<String>) (text) -> {
				received.add(text);
				try {
					if (text.startsWith("{\"type\":\"auth\"")) {
						// As command-service answers an auth message.
						session.getBasicRemote().sendText("{\"type\":\"authenticated\",\"version\":1}");
					}
					else if (text.equals("close-me")) {
						session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4409), "replaced"));
					}
					else {
						session.getBasicRemote().sendText("echo:" + text);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) (bytes) -> {
				try {
					session.getBasicRemote().sendBinary(bytes);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}

		@Override
		public void onClose(Session session, CloseReason reason) {
			closeCodes.add(reason.getCloseCode().getCode());
		}

	}

}
