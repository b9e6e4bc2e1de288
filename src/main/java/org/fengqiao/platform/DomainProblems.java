package org.fengqiao.platform;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where refusals of the domain become HTTP: each
 * {@link DomainException.Kind} has its status, and failed Bean Validation of a request
 * body or parameter becomes a 400 listing every violation. Bodies are RFC 9457 problem
 * details whose type ends in the exception's {@code type}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 200)
class DomainProblems {

	/** One violated constraint: the field (or parameter) and what is wrong with it. */
	record Violation(String field, String message) {
	}

	static HttpStatus status(DomainException.Kind kind) {
		return switch (kind) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
			case REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
		};
	}

	/**
	 * API calls get the problem as JSON; a page (a controller that renders views) gets
	 * the platform's error page with the same status, as Spring gives it for any error.
	 */
	@ExceptionHandler(DomainException.class)
	Object refused(DomainException e, HandlerMethod handler, HttpServletResponse response) throws IOException {
		HttpStatus status = status(e.kind());
		if (handler != null && !rendersBody(handler)) {
			response.sendError(status.value(), e.getMessage());
			return new ModelAndView();
		}
		ProblemDetail problem = problem(status, e.type(), title(e.type()), e.getMessage());
		e.properties().forEach(problem::setProperty);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static boolean rendersBody(HandlerMethod handler) {
		return AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
				|| handler.hasMethodAnnotation(ResponseBody.class);
	}

	/** The problem's title from its type: {@code no-session} becomes "No session". */
	static String title(String type) {
		String words = type.replace('-', ' ');
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<ProblemDetail> invalidBody(BindException e) {
		List<Violation> violations = e.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new Violation(error.getField(), error.getDefaultMessage()))
			.toList();
		return invalid(violations);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
		List<Violation> violations = e.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new Violation(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return invalid(violations);
	}

	private static ResponseEntity<ProblemDetail> invalid(List<Violation> violations) {
		String detail = violations.isEmpty() ? "The request is invalid"
				: violations.stream().map((v) -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).get();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		problem.setProperty("errors", violations);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://fengqiao.org/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}
