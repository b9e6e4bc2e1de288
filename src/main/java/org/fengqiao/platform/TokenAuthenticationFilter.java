package org.fengqiao.platform;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer fq_...} personal access tokens. A token with only the {@code read}
 * scope may only read (GET, HEAD); a bad, revoked or expired token gets 401.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

	private final AccountSecurity accounts;

	TokenAuthenticationFilter(AccountSecurity accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.startsWith("Bearer ")) {
			chain.doFilter(request, response);
			return;
		}
		var holder = accounts.authenticate(header.substring(7).strip());
		if (holder.isEmpty()) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unknown, revoked or expired token");
			return;
		}
		boolean reading = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
		if (!reading && !holder.get().scopes().contains("write")) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN, "This token may only read");
			return;
		}
		var authorities = Arrays.stream(holder.get().roles().split(",")).map(String::trim)
			.map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(holder.get().username(), null, authorities);
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
