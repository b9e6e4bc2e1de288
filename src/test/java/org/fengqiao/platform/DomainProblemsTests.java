package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;

class DomainProblemsTests {

	final DomainProblems problems = new DomainProblems();

	@Test
	void eachKindHasItsStatus() {
		assertThat(DomainProblems.status(DomainException.Kind.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(DomainProblems.status(DomainException.Kind.NOT_ALLOWED)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(DomainProblems.status(DomainException.Kind.CONFLICT)).isEqualTo(HttpStatus.CONFLICT);
		assertThat(DomainProblems.status(DomainException.Kind.INVALID)).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(DomainProblems.status(DomainException.Kind.REJECTED)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(DomainProblems.status(DomainException.Kind.TOO_LARGE)).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
	}

	@Test
	void anApiCallGetsAProblemWithTypeTitleAndProperties() throws Exception {
		DomainException refused = new DomainException(DomainException.Kind.CONFLICT, "no-session",
				"No session was held", Map.of("state", "IN_MEDIATION"));
		Object answer = this.problems.refused(refused, handler(new Api()), new MockHttpServletResponse());
		ResponseEntity<?> entity = (ResponseEntity<?>) answer;
		assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		ProblemDetail problem = (ProblemDetail) entity.getBody();
		assertThat(problem.getType().toString()).isEqualTo("https://fengqiao.org/problems/no-session");
		assertThat(problem.getTitle()).isEqualTo("No session");
		assertThat(problem.getDetail()).isEqualTo("No session was held");
		assertThat(problem.getProperties()).containsEntry("state", "IN_MEDIATION");
	}

	@Test
	void aPageGetsTheErrorPageWithTheStatus() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.problems.refused(DomainException.notFound("no-such-dispute", "No dispute 42"), handler(new Page()),
				response);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getErrorMessage()).isEqualTo("No dispute 42");
		assertThat(response.getContentType()).isNull();
	}

	private static HandlerMethod handler(Object bean) throws NoSuchMethodException {
		return new HandlerMethod(bean, bean.getClass().getDeclaredMethod("show"));
	}

	@RestController
	static class Api {

		@GetMapping("/api")
		String show() {
			return "";
		}

	}

	@org.springframework.stereotype.Controller
	static class Page {

		@GetMapping("/page")
		String show() {
			return "page";
		}

	}

}
