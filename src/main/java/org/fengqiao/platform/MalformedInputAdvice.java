package org.fengqiao.platform;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

/**
 * Malformed bodies end in a 400 problem that says why, without the parser's internals: a
 * control character in a text (type {@code control-character}), a document past the
 * limits of {@link HostileInput} ({@code too-complex}), a field of the wrong type
 * ({@code wrong-type}, with its JSON path) or no readable JSON at all
 * ({@code unreadable-body}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class MalformedInputAdvice {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
		HostileInput.ControlCharacterInText control = cause(e, HostileInput.ControlCharacterInText.class);
		if (control != null) {
			String path = HostileInput.path(control);
			return problem("control-character", "Control character",
					(path == null ? "A text" : "The field " + path) + " holds a NUL or another control character");
		}
		if (cause(e, StreamConstraintsException.class) != null) {
			return problem("too-complex", "Body too complex",
					"The JSON nests deeper than " + HostileInput.MAX_NESTING + " levels, or holds a number longer than "
							+ HostileInput.MAX_NUMBER + " digits or a text or document too long");
		}
		DatabindException databind = cause(e, DatabindException.class);
		if (databind != null && HostileInput.path(databind) != null) {
			return problem("wrong-type", "Wrong type",
					"The field " + HostileInput.path(databind) + " has the wrong type or form");
		}
		return problem("unreadable-body", "Unreadable body",
				"The body is missing or is not readable JSON of the expected shape");
	}

	static ResponseEntity<ProblemDetail> problem(String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create("https://fengqiao.org/problems/" + type));
		problem.setTitle(title);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
