package dev.warden.gateway.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The guard against reading a body after its request ended, with the body read on another
 * thread as the outbound client does. Tomcat's own recycling is exercised by
 * GatewayEdgeIntegrationTests.
 */
class ClientBodyGuardTests {

	@Test
	void theRequestEndsOnlyAfterAReadStillWaitingOnTheClientAndTheAnswerIsCompleteBeforeThat() throws Exception {
		SlowClient client = new SlowClient();
		MockHttpServletRequest request = requestWithBody(client);
		AtomicBoolean answerClosed = new AtomicBoolean();
		MockHttpServletResponse response = new MockHttpServletResponse() {
			@Override
			public ServletOutputStream getOutputStream() {
				ServletOutputStream out = super.getOutputStream();
				return new ServletOutputStream() {
					@Override
					public void write(int b) throws IOException {
						out.write(b);
					}

					@Override
					public void close() throws IOException {
						answerClosed.set(true);
						out.close();
					}

					@Override
					public boolean isReady() {
						return true;
					}

					@Override
					public void setWriteListener(WriteListener listener) {
					}
				};
			}
		};
		AtomicReference<ServletInputStream> body = new AtomicReference<>();
		AtomicReference<CompletableFuture<Integer>> copy = new AtomicReference<>();
		CompletableFuture<Void> exchange = CompletableFuture.runAsync(() -> {
			try {
				new ClientBodyGuard().doFilter(request, response, (guarded, answer) -> {
					body.set(guarded.getInputStream());
					copy.set(readOnAnotherThread(body.get()));
					awaitQuietly(client.reading);
					answer.getOutputStream().write("answered".getBytes(StandardCharsets.UTF_8));
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		// The copy waits on the client: the request has not ended, but its answer is
		// complete, so the client has it meanwhile.
		assertThat(client.reading.await(5, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(300);
		assertThat(exchange).isNotDone();
		assertThat(answerClosed).isTrue();
		assertThat(response.getContentAsString()).isEqualTo("answered");

		// The client sends a byte: that read ends, and with it the request. No new read
		// may start, so nothing can touch the connection once Tomcat reuses it.
		client.send('x');
		exchange.get(5, TimeUnit.SECONDS);
		assertThat(copy.get().get(5, TimeUnit.SECONDS)).isEqualTo('x');
		assertThatIOException().isThrownBy(() -> body.get().read()).withMessageContaining("has ended");
		assertThat(body.get().isFinished()).isTrue();
		assertThat(ClientBodyGuard.clientFailure(request)).isNull();
	}

	@Test
	void anAsyncRequestKeepsItsBodyReadableUntilItCompletesAndCompletionWaitsForAReadUnderWay() throws Exception {
		SlowClient client = new SlowClient();
		MockHttpServletRequest request = requestWithBody(client);
		request.setAsyncSupported(true);
		AtomicReference<ServletInputStream> body = new AtomicReference<>();
		new ClientBodyGuard().doFilter(request, new MockHttpServletResponse(), (guarded, answer) -> {
			guarded.startAsync();
			body.set(guarded.getInputStream());
		});
		// The filter has returned, but the request goes on: its body is still readable.
		CompletableFuture<Integer> copy = readOnAnotherThread(body.get());
		assertThat(client.reading.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> completion = CompletableFuture.runAsync(() -> request.getAsyncContext().complete());
		Thread.sleep(300);
		assertThat(completion).isNotDone();
		client.send('y');
		completion.get(5, TimeUnit.SECONDS);
		assertThat(copy.get(5, TimeUnit.SECONDS)).isEqualTo('y');
		assertThatIOException().isThrownBy(() -> body.get().read());
	}

	@Test
	void aRequestWithoutAReadUnderWayEndsAtOnceAndItsBodyIsClosedToLateReaders() throws Exception {
		MockHttpServletRequest request = requestWithBody(InputStream.nullInputStream());
		AtomicReference<ServletInputStream> body = new AtomicReference<>();
		new ClientBodyGuard().doFilter(request, new MockHttpServletResponse(),
				(guarded, answer) -> body.set(guarded.getInputStream()));
		assertThatIOException().isThrownBy(() -> body.get().read());
	}

	@Test
	void aReadThatFailsOnTheClientsSideIsRemembered() throws Exception {
		SocketTimeoutException timeout = new SocketTimeoutException("read timed out");
		MockHttpServletRequest request = requestWithBody(new InputStream() {
			@Override
			public int read() throws IOException {
				throw timeout;
			}
		});
		new ClientBodyGuard().doFilter(request, new MockHttpServletResponse(), (guarded, answer) -> {
			try {
				guarded.getInputStream().read(new byte[8]);
			}
			catch (IOException expected) {
				// As the outbound client sees it.
			}
		});
		assertThat(ClientBodyGuard.clientFailure(request)).isSameAs(timeout);
	}

	private static MockHttpServletRequest requestWithBody(InputStream source) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/rules") {
			@Override
			public ServletInputStream getInputStream() {
				return new StreamingBody(source);
			}
		};
		request.addHeader("Transfer-Encoding", "chunked");
		return request;
	}

	/** Reads one byte as the outbound client's task does. */
	private static CompletableFuture<Integer> readOnAnotherThread(ServletInputStream body) {
		CompletableFuture<Integer> read = new CompletableFuture<>();
		Thread.ofVirtual().start(() -> {
			try {
				read.complete(body.read());
			}
			catch (IOException ex) {
				read.completeExceptionally(ex);
			}
		});
		return read;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A client's connection: a read waits for what the test sends, and says it started.
	 */
	private static final class SlowClient extends InputStream {

		final CountDownLatch reading = new CountDownLatch(1);

		private final PipedOutputStream sends = new PipedOutputStream();

		private final PipedInputStream received = new PipedInputStream(this.sends);

		SlowClient() throws IOException {
		}

		@Override
		public int read() throws IOException {
			this.reading.countDown();
			return this.received.read();
		}

		void send(int data) throws IOException {
			this.sends.write(data);
			this.sends.flush();
		}

	}

	/** A body that blocks until its source has data, as a client's connection does. */
	private static final class StreamingBody extends ServletInputStream {

		private final InputStream source;

		StreamingBody(InputStream source) {
			this.source = source;
		}

		@Override
		public int read() throws IOException {
			return this.source.read();
		}

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
		}

	}

}
