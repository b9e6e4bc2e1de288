package org.fengqiao.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Content-Security-Policy on every response: scripts only from our own origin and
 * never inline (no inline {@code <script>} block, no {@code onclick=}), so text that
 * slips through as HTML still cannot run. Styles may be inline (Leaflet and the templates
 * position things with style attributes); images also from {@code data:} and
 * {@code blob:} URLs (Leaflet's icons, photo previews); no frames, no plugins, no foreign
 * form targets. Set before anything else runs, so error pages, redirects and refusals
 * carry it too. PDFs (agreements, archives) go without it: the browser's own viewer shows
 * them, and some browsers' viewers are blocked by {@code object-src 'none'} on the
 * document.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = String.join("; ", "default-src 'self'", "script-src 'self'",
			"style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self' data:",
			"connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
			"form-action 'self'");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!request.getRequestURI().endsWith(".pdf")) {
			response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		}
		chain.doFilter(request, response);
	}

}
