package org.fengqiao.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits anonymous submissions per client address: residents' whistle reports and
 * mediation applications share one token bucket per address
 * ({@code fengqiao.dispatch.intake.rate-per-minute}); a flood gets 429 with a
 * problem-details body and Retry-After. Systems and staff that security authenticated are
 * not limited here (the filter runs after the security filter chain).
 */
@Component
public class IntakeRateLimit extends OncePerRequestFilter {

	/** The anonymous write endpoints (POST). */
	private static final java.util.Set<String> ANONYMOUS_WRITES = java.util.Set.of("/api/v1/whistles",
			"/api/v1/public/disputes", "/mediate");

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int perMinute;

	private final io.github.bucket4j.TimeMeter time;

	@org.springframework.beans.factory.annotation.Autowired
	public IntakeRateLimit(@Value("${fengqiao.dispatch.intake.rate-per-minute:10}") int perMinute) {
		this(perMinute, io.github.bucket4j.TimeMeter.SYSTEM_MILLISECONDS);
	}

	/** With a time source of the test's choosing. */
	public IntakeRateLimit(int perMinute, io.github.bucket4j.TimeMeter time) {
		this.perMinute = perMinute;
		this.time = time;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && ANONYMOUS_WRITES.contains(request.getRequestURI()))
				|| signedIn();
	}

	/**
	 * Whether security has already authenticated the request (a mere Authorization header
	 * is not enough).
	 */
	private static boolean signedIn() {
		var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
			.getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (buckets.size() > 100_000) {
			buckets.clear();
		}
		Bucket bucket = buckets.computeIfAbsent(request.getRemoteAddr(), address -> Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
			.withCustomTimePrecision(time)
			.build());
		var probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000);
		response.setStatus(429);
		response.setHeader("Retry-After", String.valueOf(seconds));
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"https://fengqiao.org/problems/too-many-reports\",\"title\":\"Too many reports\","
					+ "\"status\":429,\"detail\":\"Too many reports from this address; try again in " + seconds
					+ " s\"}");
	}

}
