package dev.warden.gateway.hygiene;

import java.io.IOException;

import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.problem.Problems;

import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with a 403 problem instead of a plain-text refusal. */
final class CorsRejection extends DefaultCorsProcessor {

	private final Problems problems;

	CorsRejection(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		if (response instanceof ServletServerHttpResponse servlet) {
			this.problems.write(
					this.problems.create(ProblemTypes.FORBIDDEN,
							"This origin, method or header is not allowed to call Warden from a browser.", null),
					servlet.getServletResponse(), null);
			return;
		}
		super.rejectRequest(response);
	}

}
