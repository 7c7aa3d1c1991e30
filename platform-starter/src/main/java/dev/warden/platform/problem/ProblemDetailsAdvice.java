package dev.warden.platform.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import feign.FeignException;
import feign.RetryableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into a problem response. Spring's own
 * exceptions keep their status; the platform adds a stable {@code type}, the failing
 * fields and the trace id, and removes anything internal from the detail.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final Problems problems;

	ProblemDetailsAdvice(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex, HttpServletRequest request) {
		if (ex.type().status().is5xxServerError()) {
			log.warn("{}: {}", ex.type().slug(), ex.getMessage(), ex.getCause());
		}
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		}
		return ResponseEntity.status(ex.type().status()).headers(headers).body(this.problems.create(ex, request));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(ProblemTypes.FORBIDDEN, "You may not do this.", request);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		return respond(ProblemTypes.UNAUTHORIZED, "Authentication is required.", request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
			errors.add(new FieldError(lastNodes(violation.getPropertyPath().toString()), violation.getMessage()));
		}
		return validation(errors, request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex, HttpServletRequest request) {
		return respond(ProblemTypes.CONFLICT, "Someone else changed this at the same time; read it again and retry.",
				request);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
		String unstorable = unstorableValue(sqlState(ex));
		if (unstorable != null) {
			// PostgreSQL's class 22, data exceptions: the request carried a value no
			// column can hold. The client's input, not a conflict with what exists.
			log.info("Data exception answered as a bad request: {}", ex.getMostSpecificCause().getMessage());
			return respond(ProblemTypes.MALFORMED_REQUEST, unstorable, request);
		}
		log.info("Integrity violation answered as a conflict: {}", ex.getMostSpecificCause().getMessage());
		return respond(ProblemTypes.CONFLICT, "This conflicts with data that already exists.", request);
	}

	private static @Nullable String sqlState(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	/**
	 * Says what is wrong with a value PostgreSQL refused to store.
	 * @param sqlState the SQL state of the refusal
	 * @return the problem's detail, or {@code null} if the state is not a data exception
	 */
	static @Nullable String unstorableValue(@Nullable String sqlState) {
		if (sqlState == null || !sqlState.startsWith("22")) {
			return null;
		}
		return switch (sqlState) {
			// invalid byte sequence (a NUL in text), unsupported Unicode escape (a NUL in
			// jsonb)
			case "22021", "22P05" -> "Text must not contain NUL characters (\\u0000).";
			case "22001" -> "A value is longer than its field allows.";
			case "22003" -> "A number is out of the range its field allows.";
			default -> "A value cannot be stored as given.";
		};
	}

	@ExceptionHandler(CallNotPermittedException.class)
	ResponseEntity<ProblemDetail> circuitOpen(CallNotPermittedException ex, HttpServletRequest request) {
		return respond(ProblemTypes.SERVICE_UNAVAILABLE,
				"A service this request needs is failing; nothing was done. Try again shortly.", request);
	}

	/**
	 * No database connection could be had in time: the service is overloaded or the
	 * database is away. Nothing was committed by the failing step; the client may retry.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class })
	ResponseEntity<ProblemDetail> databaseBusy(Exception ex, HttpServletRequest request) {
		log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
		return ResponseEntity.status(ProblemTypes.SERVICE_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(this.problems.create(ProblemTypes.SERVICE_UNAVAILABLE,
					"The service's database is busy or unavailable; try again shortly.", request));
	}

	@ExceptionHandler(RequestNotPermitted.class)
	ResponseEntity<ProblemDetail> rateLimited(RequestNotPermitted ex, HttpServletRequest request) {
		return respond(ProblemTypes.TOO_MANY_REQUESTS, "Too many requests; slow down.", request);
	}

	@ExceptionHandler(RetryableException.class)
	ResponseEntity<ProblemDetail> unreachable(RetryableException ex, HttpServletRequest request) {
		log.warn("Downstream call failed: {}", ex.getMessage());
		return respond(ProblemTypes.SERVICE_UNAVAILABLE,
				"A service this request needs did not answer; nothing was done.", request);
	}

	@ExceptionHandler(FeignException.class)
	ResponseEntity<ProblemDetail> downstream(FeignException ex, HttpServletRequest request) {
		log.warn("Downstream call answered {}: {}", ex.status(), ex.getMessage());
		return respond(ProblemTypes.SERVICE_UNAVAILABLE, "A service this request needs answered with an error.",
				request);
	}

	/**
	 * Tomcat parses the query and a form body on first use and throws when an escape is
	 * broken or there are more parameters than it accepts: the client's fault.
	 * @param ex the failure
	 * @param request the request
	 * @return a 400 problem
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex, HttpServletRequest request) {
		return respond(ProblemTypes.MALFORMED_REQUEST,
				"The parameters could not be read: an escape is not well-formed or there are too many.", request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(ProblemTypes.INTERNAL, "Something went wrong in Warden. Quote the trace id when reporting it.",
				request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return asObject(validation(fieldErrors(ex.getBindingResult()), servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> errors.add(new FieldError((name != null) ? name : "parameter",
						(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		}
		return asObject(validation(errors, servletRequest(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
				ProblemDetail problem = this.problems.create(ProblemTypes.PAYLOAD_TOO_LARGE, tooLarge.getMessage(),
						servletRequest(request));
				return ResponseEntity.status(ProblemTypes.PAYLOAD_TOO_LARGE.status()).body(problem);
			}
		}
		Throwable cause = ex.getMostSpecificCause();
		FieldError field = BodyErrors.fieldError(cause);
		ProblemDetail problem = this.problems.create(ProblemTypes.MALFORMED_REQUEST,
				(field != null) ? BodyErrors.detail(cause, field) : describeUnreadable(ex), servletRequest(request));
		if (field != null) {
			problem.setProperty("errors", List.of(field));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemType type = ProblemTypes.forStatus(statusCode.value());
		String detail = (body instanceof ProblemDetail problem) ? problem.getDetail() : null;
		FieldError parameter = null;
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			detail = "Parameter '" + mismatch.getName() + "' has the wrong type.";
			parameter = new FieldError(mismatch.getName(), BodyErrors.expected(mismatch.getRequiredType()));
		}
		ProblemDetail problem = this.problems.create(type, detail, servletRequest(request));
		if (parameter != null) {
			problem.setProperty("errors", List.of(parameter));
		}
		return ResponseEntity.status(statusCode).headers(headers).body(problem);
	}

	private ResponseEntity<ProblemDetail> validation(List<FieldError> errors, @Nullable HttpServletRequest request) {
		ProblemDetail problem = this.problems.create(ProblemTypes.VALIDATION,
				(errors.size() == 1) ? "One field is invalid." : errors.size() + " fields are invalid.", request);
		problem.setProperty("errors", errors);
		return ResponseEntity.status(ProblemTypes.VALIDATION.status()).body(problem);
	}

	private ResponseEntity<ProblemDetail> respond(ProblemType type, String detail, HttpServletRequest request) {
		return ResponseEntity.status(type.status()).body(this.problems.create(type, detail, request));
	}

	private static List<FieldError> fieldErrors(BindingResult result) {
		List<FieldError> errors = new ArrayList<>();
		result.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(),
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		result.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(),
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid")));
		return errors;
	}

	private static String describeUnreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof DatabindException) {
			return "The request body does not match the expected shape.";
		}
		if (cause instanceof JacksonException json && json.getLocation() != null) {
			return "The request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
					+ json.getLocation().getColumnNr() + ").";
		}
		return "The request body is missing or is not valid JSON.";
	}

	private static String lastNodes(String propertyPath) {
		// Method validation paths start with the method name ("create.request.name");
		// drop it.
		int dot = propertyPath.indexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

	private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest() : null;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}

}
