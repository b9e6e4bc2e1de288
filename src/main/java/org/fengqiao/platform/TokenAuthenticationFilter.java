package org.fengqiao.platform;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

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
 * Authenticates {@code Authorization: Bearer fq_...} personal access tokens. A token with
 * only the {@code read} scope may only read (GET, HEAD); a bad, revoked or expired token
 * gets 401. The token is looked up once per request: the CSRF check, which runs first,
 * asks {@link #holder} whether a valid token authenticates the request.
 */
class TokenAuthenticationFilter extends OncePerRequestFilter {

	private final AccountSecurity accounts;

	TokenAuthenticationFilter(AccountSecurity accounts) {
		this.accounts = accounts;
	}

	private static final String HOLDER = TokenAuthenticationFilter.class.getName() + ".HOLDER";

	/** True when the request presents a bearer token (valid or not). */
	static boolean bearer(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.startsWith("Bearer ");
	}

	/**
	 * The account a request's bearer token stands for, empty without a valid token;
	 * looked up once per request.
	 */
	@SuppressWarnings("unchecked")
	static Optional<AccountSecurity.TokenHolder> holder(HttpServletRequest request, AccountSecurity accounts) {
		Object known = request.getAttribute(HOLDER);
		if (known instanceof Optional<?> holder) {
			return (Optional<AccountSecurity.TokenHolder>) holder;
		}
		Optional<AccountSecurity.TokenHolder> holder = bearer(request)
				? accounts.authenticate(request.getHeader("Authorization").substring(7).strip()) : Optional.empty();
		request.setAttribute(HOLDER, holder);
		return holder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!bearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		var holder = holder(request, accounts);
		if (holder.isEmpty()) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Unknown, revoked or expired token");
			return;
		}
		boolean reading = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
		if (!reading && !holder.get().scopes().contains("write")) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN, "This token may only read");
			return;
		}
		var authorities = Arrays.stream(holder.get().roles().split(","))
			.map(String::trim)
			.map(r -> new SimpleGrantedAuthority("ROLE_" + r))
			.toList();
		var authentication = UsernamePasswordAuthenticationToken.authenticated(holder.get().username(), null,
				authorities);
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
