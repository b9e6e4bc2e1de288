package org.fengqiao.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before security and before any controller, a request whose path, query or form
 * parameters or header values hold a NUL or another control character
 * ({@link ControlCharacters}), raw or percent-encoded ({@code %00}): 400 with problem
 * details. Multipart bodies are left to the endpoint (their parts are files or JSON,
 * which {@link HostileInput} checks); their query string is checked here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ControlCharacterFilter extends OncePerRequestFilter {

	/**
	 * A percent-encoded C0 control character other than tab, line feed and carriage
	 * return, or DEL.
	 */
	private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String where = offending(request);
		if (where != null) {
			refuse(response, where);
			return;
		}
		chain.doFilter(request, response);
	}

	/** Where the request holds a control character, or null. */
	static String offending(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (uri != null && (ControlCharacters.present(uri) || ENCODED_CONTROL.matcher(uri).find())) {
			return "path";
		}
		String query = request.getQueryString();
		if (query != null && (ControlCharacters.present(query) || ENCODED_CONTROL.matcher(query).find())) {
			return "query";
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				if (ControlCharacters.present(value)) {
					return "header";
				}
			}
		}
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
			return null;
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (ControlCharacters.present(parameter.getKey())) {
				return "parameter";
			}
			for (String value : parameter.getValue()) {
				if (ControlCharacters.present(value)) {
					return "parameter";
				}
			}
		}
		return null;
	}

	private static void refuse(HttpServletResponse response, String where) throws IOException {
		response.setStatus(400);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"https://fengqiao.org/problems/control-character\",\"title\":\"Control character\","
					+ "\"status\":400,\"detail\":\"A " + where
					+ " of the request holds a NUL or another control character\"}");
	}

}
