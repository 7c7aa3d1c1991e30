package dev.warden.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (errors raised outside Spring MVC, such
 * as in a filter, or a status set by the container itself) with a problem instead of
 * Spring Boot's default error body, and never with a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private final Problems problems;

	ProblemErrorController(Problems problems) {
		this.problems = problems;
	}

	@RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = {
			MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value) ? value : 500;
		if (status < 400) {
			status = 500;
		}
		ProblemType type = ProblemTypes.forStatus(status);
		String detail = switch (status) {
			case 404 -> "There is nothing at this address.";
			case 413 -> "The request is larger than this service accepts.";
			case 400 -> "The request could not be read.";
			default -> null;
		};
		ProblemDetail problem = this.problems.create(type, detail, request);
		problem.setStatus(status);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
