package dev.warden.platform.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Answers the errors Tomcat raises itself, before any servlet or filter runs (a path with
 * an encoded {@code /} or a NUL, a request line or headers over the size limit), with a
 * problem document instead of Tomcat's HTML page, so that every error of every service
 * has the same shape. Errors the application answers are left alone: Tomcat calls this
 * only for a response with an error status and no body.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.resetBuffer();
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: nothing left to tell.
		}
	}

	/**
	 * Returns the problem for a status, without the request's details: what Tomcat
	 * refused may be exactly what should not be echoed.
	 * @param status the status
	 * @return the problem as JSON
	 */
	static String body(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String type = (status == 400) ? ProblemTypes.MALFORMED_REQUEST.uri().toString() : "about:blank";
		String detail = (status == 400) ? "The request could not be read: its URL, request line or headers are "
				+ "not well-formed or are too large." : title + ".";
		return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
				+ "\"}";
	}

}
