package org.fengqiao.platform;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds RFC 9457 problem details that Spring MVC renders as
 * {@code application/problem+json}. Every module reports bad input through these, so API
 * clients see one error shape.
 */
public final class Problems {

	private Problems() {
	}

	public static ErrorResponseException of(HttpStatus status, String type, String title, String detail) {
		return of(status, type, title, detail, Map.of());
	}

	public static ErrorResponseException of(HttpStatus status, String type, String title, String detail,
			Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("https://fengqiao.org/problems/" + type));
		problem.setTitle(title);
		properties.forEach(problem::setProperty);
		return new ErrorResponseException(status, problem, null);
	}

}
