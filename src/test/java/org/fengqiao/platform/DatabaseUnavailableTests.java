package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A database that cannot be reached is a 503 with Retry-After, wherever the failure
 * surfaces; other failures are not.
 */
class DatabaseUnavailableTests {

	@RestController
	static class Failing {

		@GetMapping("/fail/{how}")
		String fail(@PathVariable String how) {
			switch (how) {
				case "pool" ->
					throw new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException(
							"fengqiao - Connection is not available, request timed out after 1500ms."));
				case "begin" ->
					throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
							new SQLTransientConnectionException("timed out"));
				case "commit" -> throw new TransactionSystemException("JDBC commit failed",
						new SQLException("An I/O error occurred while sending to the backend.", "08006"));
				case "rollback" -> {
					// The insert lost its connection, then the rollback found the
					// connection closed.
					TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
							new SQLException("Connection is closed"));
					rollback.initApplicationException(
							new DataAccessResourceFailureException("insert failed", new SQLException(
									"FATAL: terminating connection due to unexpected postmaster exit", "57P01")));
					throw rollback;
				}
				case "closed" -> throw new TransactionSystemException("JDBC commit failed",
						new SQLException("Connection is closed"));
				case "serialization" -> throw new TransactionSystemException("JDBC commit failed",
						new SQLException("could not serialize access", "40001"));
				case "constraint" -> throw new DataIntegrityViolationException("duplicate key");
				default -> {
					return "ok";
				}
			}
		}

	}

	DatabaseUnavailable advice = new DatabaseUnavailable(Duration.ofSeconds(5));

	MockMvc mvc(Filter... filters) {
		return MockMvcBuilders.standaloneSetup(new Failing())
			.setControllerAdvice(advice)
			.addFilters(advice.databaseUnavailableFilter().getFilter())
			.addFilters(filters)
			.build();
	}

	@Test
	void aPoolWithoutConnectionsOrALostConnectionIsA503WithRetryAfter() throws Exception {
		for (String how : new String[] { "pool", "begin", "commit", "rollback", "closed" }) {
			mvc().perform(get("/fail/" + how))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().string("Retry-After", "5"))
				.andExpect(header().string("Content-Type", "application/problem+json"))
				.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/database-unavailable"))
				.andExpect(jsonPath("$.status").value(503));
		}
	}

	@Test
	void otherDatabaseFailuresAreNot503() {
		assertThatThrownBy(() -> mvc().perform(get("/fail/constraint")))
			.hasRootCauseInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> mvc().perform(get("/fail/serialization")))
			.hasCauseInstanceOf(TransactionSystemException.class);
	}

	@Test
	void aFailureInAFilterBeforeAnyControllerIsA503Too() throws Exception {
		Filter signingIn = (request, response, chain) -> {
			if (((HttpServletRequest) request).getRequestURI().endsWith("/ok")) {
				throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new SQLTransientConnectionException("timed out"));
			}
			chain.doFilter(request, response);
		};
		mvc(signingIn).perform(get("/fail/ok"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/database-unavailable"))
			.andExpect(jsonPath("$.instance").value("/fail/ok"));
	}

}
