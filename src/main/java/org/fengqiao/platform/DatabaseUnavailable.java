package org.fengqiao.platform;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached (the embedded server died and is being restarted,
 * the external one is down or out of reach, the pool has no connection within its short
 * timeout) every request answers <b>503 Service Unavailable</b> with a
 * {@code Retry-After} header and a problem detail of type {@code database-unavailable},
 * instead of hanging and ending in 500. Exceptions from controllers are answered here;
 * those from filters (signing in with a token, for example) by the filter at the front of
 * the chain. The same for the embedded and for an external PostgreSQL: the pool
 * reconnects by itself once it is back.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseUnavailable {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

	static final URI TYPE = URI.create("https://fengqiao.org/problems/database-unavailable");

	static final String DETAIL = "The database cannot be reached at the moment. Please try again shortly.";

	private final Duration retryAfter;

	DatabaseUnavailable(@Value("${fengqiao.database.retry-after:5s}") Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			RecoverableDataAccessException.class, CannotCreateTransactionException.class,
			SQLTransientConnectionException.class, SQLNonTransientConnectionException.class,
			SQLRecoverableException.class })
	ResponseEntity<ProblemDetail> unavailable(Exception e) {
		return answer(e);
	}

	/**
	 * Failures that may or may not be the connection: only a lost connection is a 503.
	 */
	@ExceptionHandler({ TransactionSystemException.class, UncategorizedSQLException.class })
	ResponseEntity<ProblemDetail> perhapsUnavailable(Exception e) throws Exception {
		if (!causedByUnavailableDatabase(e)) {
			throw e;
		}
		return answer(e);
	}

	private ResponseEntity<ProblemDetail> answer(Exception e) {
		log.warn("Database unavailable: {}", e.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
		problem.setType(TYPE);
		problem.setTitle("Service unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	long retryAfterSeconds() {
		return Math.max(1, retryAfter.toSeconds());
	}

	/**
	 * Whether the failure comes from a database that cannot be reached: a pool without a
	 * connection, a lost or refused connection (SQL state class 08), a server shutting
	 * down or starting up (57P01-57P03).
	 */
	static boolean causedByUnavailableDatabase(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
					|| t instanceof RecoverableDataAccessException || t instanceof CannotCreateTransactionException
					|| t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			// A rollback that failed on the lost connection hides the failure that caused
			// it.
			if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& causedByUnavailableDatabase(rollback.getApplicationException())) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
				return true;
			}
			// The pool closed the connection under the transaction after it failed
			// (HikariCP gives no SQL state):
			// nothing was committed.
			if (t instanceof SQLException sql && sql.getSQLState() == null
					&& "Connection is closed".equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Answers 503 for a database failure that escapes a filter (before any controller
	 * runs).
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> databaseUnavailableFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						try {
							chain.doFilter(request, response);
						}
						catch (ServletException | RuntimeException e) {
							if (response.isCommitted() || !causedByUnavailableDatabase(e)) {
								throw e;
							}
							log.warn("Database unavailable: {}", e.toString());
							response.resetBuffer();
							response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
							response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
							response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
							response.setCharacterEncoding(StandardCharsets.UTF_8.name());
							response.getWriter()
								.write("{\"type\":\"" + TYPE + "\",\"title\":\"Service unavailable\",\"status\":503,"
										+ "\"detail\":\"" + DETAIL + "\",\"instance\":\""
										+ jsonText(request.getRequestURI()) + "\"}");
						}
					}
				});
		registration.setName("databaseUnavailable");
		// Outside Spring Security's filters (-100), so that failures while signing in are
		// covered too.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

	private static String jsonText(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
