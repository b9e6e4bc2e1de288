package org.fengqiao.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Limits anonymous submissions per client address: residents' whistle reports and
 * mediation applications share one Bucket4j token bucket per address
 * ({@code fengqiao.dispatch.intake.rate-per-minute}); a flood gets 429 with a
 * problem-details body and Retry-After. Systems and staff that security authenticated are
 * not limited here (the filter runs after the security filter chain).
 * <p>
 * The buckets live in a Caffeine cache bounded by
 * {@code fengqiao.dispatch.intake.max-clients} and expiring a while after an address's
 * last request (longer than a full refill, so forgetting an address never gives it more
 * than a full bucket). The client address is {@link HttpServletRequest#getRemoteAddr()}
 * as Spring resolves it: the socket's peer unless {@code server.forward-headers-strategy}
 * is {@code native} or {@code framework} (set it behind a reverse proxy), so by default a
 * client cannot choose its address with {@code X-Forwarded-For}.
 */
@Component
public class IntakeRateLimit extends OncePerRequestFilter {

	/** The anonymous write endpoints (POST). */
	private static final Set<String> ANONYMOUS_WRITES = Set.of("/api/v1/whistles", "/api/v1/public/disputes",
			"/mediate");

	private static final Duration REFILL = Duration.ofMinutes(1);

	private static final JsonMapper json = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private final Cache<String, Bucket> buckets;

	private final int perMinute;

	private final TimeMeter time;

	@Autowired
	public IntakeRateLimit(@Value("${fengqiao.dispatch.intake.rate-per-minute:10}") int perMinute,
			@Value("${fengqiao.dispatch.intake.max-clients:100000}") long maxClients) {
		this(perMinute, maxClients, TimeMeter.SYSTEM_MILLISECONDS);
	}

	/** With a time source of the test's choosing (buckets and their expiry). */
	public IntakeRateLimit(int perMinute, TimeMeter time) {
		this(perMinute, 100_000, time);
	}

	/** With a time source and a bound on the addresses remembered. */
	public IntakeRateLimit(int perMinute, long maxClients, TimeMeter time) {
		this.perMinute = perMinute;
		this.time = time;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxClients)
			.expireAfterAccess(REFILL.multipliedBy(2))
			.ticker(time::currentTimeNanos)
			.executor(Runnable::run)
			.build();
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
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Bucket bucket = buckets.get(request.getRemoteAddr(),
				(address) -> Bucket.builder()
					.addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, REFILL).build())
					.withCustomTimePrecision(time)
					.build());
		var probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many reports from this address; try again in " + seconds + " s");
		problem.setType(URI.create("https://fengqiao.org/problems/too-many-reports"));
		problem.setTitle("Too many reports");
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", String.valueOf(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(json.writeValueAsString(problem));
	}

	/** How many client addresses are remembered now. */
	long clients() {
		buckets.cleanUp();
		return buckets.estimatedSize();
	}

}
