package org.fengqiao.platform;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions follow the account. Every request of a session opened at the sign-in form is
 * checked against the account's row before it is authorised: when the account has been
 * disabled, locked (by the security administrator or by repeated failed sign-ins) or
 * deleted, the session ends there and the request goes on unauthenticated (401 for the
 * API, the sign-in page for pages); when its roles have changed, the session carries the
 * new roles from this request on. The row is read on every such request, without a cache,
 * so a change made on any node applies to the very next request on every node. Tokens and
 * HTTP Basic read the row on every request anyway.
 */
class AccountSessionFilter extends OncePerRequestFilter {

	/**
	 * Session attribute set at a form sign-in: the account whose row this session
	 * follows.
	 */
	static final String SIGNED_IN = AccountSessionFilter.class.getName() + ".SIGNED_IN";

	private final AccountSecurity accounts;

	private final AuditLog audit;

	private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	AccountSessionFilter(AccountSecurity accounts, AuditLog audit) {
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * After a form sign-in: marks the session as following its account, then goes where
	 * the user was going.
	 */
	static AuthenticationSuccessHandler signedIn(String defaultTarget) {
		var next = new SavedRequestAwareAuthenticationSuccessHandler();
		next.setDefaultTargetUrl(defaultTarget);
		return (request, response, authentication) -> {
			request.getSession().setAttribute(SIGNED_IN, authentication.getName());
			next.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private static boolean followsAccount(HttpSession session) {
		try {
			return session != null && session.getAttribute(SIGNED_IN) != null;
		}
		catch (IllegalStateException ended) {
			return false;
		}
	}

	/**
	 * Static files carry no data and are fetched many at a time: they are not worth a
	 * query of the account each.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
				|| path.equals("/favicon.ico");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!followsAccount(session) || authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			chain.doFilter(request, response);
			return;
		}
		String username = authentication.getName();
		AccountSecurity.Standing standing = accounts.standing(username);
		if (!standing.usable()) {
			try {
				session.invalidate();
			}
			catch (IllegalStateException endedMeanwhile) {
				// A concurrent request of the same session ended it first.
			}
			SecurityContextHolder.clearContext();
			audit.independently(username, "SESSION_ENDED", "account", username, "OK",
					"the account is disabled, locked or gone");
		}
		else {
			Set<String> roles = standing.roles().stream().map(r -> "ROLE_" + r).collect(Collectors.toSet());
			Set<String> held = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.collect(Collectors.toSet());
			if (!roles.equals(held)) {
				var authorities = roles.stream().sorted().map(SimpleGrantedAuthority::new).toList();
				Object principal = authentication.getPrincipal() instanceof User ? new User(username, "", authorities)
						: authentication.getPrincipal();
				var renewed = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
				renewed.setDetails(authentication.getDetails());
				var context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(renewed);
				SecurityContextHolder.setContext(context);
				sessions.saveContext(context, request, response);
			}
		}
		chain.doFilter(request, response);
	}

}
