package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake rate limit, without Spring: one bucket per client address, the address as
 * the servlet container gives it (X-Forwarded-For only through the configured forwarded
 * header handling), a bounded memory of addresses, and a problem-details 429.
 */
class IntakeRateLimitTests {

	final long[] nanos = { 0 };

	final TimeMeter clock = new TimeMeter() {
		@Override
		public long currentTimeNanos() {
			return nanos[0];
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}
	};

	@Test
	void twoAddressesHaveSeparateBuckets() throws Exception {
		IntakeRateLimit limit = new IntakeRateLimit(2, 100, clock);
		assertThat(status(limit, report("10.1.0.1"))).isEqualTo(200);
		assertThat(status(limit, report("10.1.0.1"))).isEqualTo(200);
		assertThat(status(limit, report("10.1.0.1"))).isEqualTo(429);
		assertThat(status(limit, report("10.1.0.2"))).as("another address, its own bucket").isEqualTo(200);
		assertThat(limit.clients()).isEqualTo(2);
	}

	@Test
	void theRefusalIsAProblemDetail() throws Exception {
		IntakeRateLimit limit = new IntakeRateLimit(1, 100, clock);
		call(limit, report("10.2.0.1"));
		MockHttpServletResponse refused = call(limit, report("10.2.0.1"));
		assertThat(refused.getStatus()).isEqualTo(429);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		JsonNode body = JsonMapper.builder().build().readTree(refused.getContentAsString());
		assertThat(body.path("type").asString()).isEqualTo("https://fengqiao.org/problems/too-many-reports");
		assertThat(body.path("title").asString()).isEqualTo("Too many reports");
		assertThat(body.path("status").asInt()).isEqualTo(429);
		assertThat(body.path("detail").asString()).contains("60 s");
		assertThat(body.has("properties")).isFalse();
	}

	@Test
	void xForwardedForIsIgnoredByDefault() throws Exception {
		IntakeRateLimit limit = new IntakeRateLimit(2, 100, clock);
		int[] statuses = new int[3];
		for (int i = 0; i < 3; i++) {
			MockHttpServletRequest request = report("10.3.0.1");
			request.addHeader("X-Forwarded-For", "192.0.2." + i);
			statuses[i] = status(limit, request);
		}
		assertThat(statuses).as("a client cannot choose its address").containsExactly(200, 200, 429);
		assertThat(limit.clients()).isEqualTo(1);
	}

	@Test
	void xForwardedForIsHonouredWithTheFrameworkStrategy() throws Exception {
		// server.forward-headers-strategy=framework registers this filter ahead of all
		// others.
		ForwardedHeaderFilter forwarded = new ForwardedHeaderFilter();
		IntakeRateLimit limit = new IntakeRateLimit(1, 100, clock);
		int[] statuses = new int[3];
		String[] clients = { "192.0.2.1", "192.0.2.2", "192.0.2.1" };
		for (int i = 0; i < 3; i++) {
			MockHttpServletRequest request = report("10.4.0.1");
			request.addHeader("X-Forwarded-For", clients[i]);
			MockHttpServletResponse response = new MockHttpServletResponse();
			forwarded.doFilter(request, response, (req, res) -> limit.doFilter(req, res, new MockFilterChain()));
			statuses[i] = response.getStatus();
		}
		assertThat(statuses).as("each client behind the proxy has its own bucket").containsExactly(200, 200, 429);
		assertThat(limit.clients()).isEqualTo(2);
	}

	@Test
	void theMemoryOfAddressesStaysBounded() throws Exception {
		IntakeRateLimit limit = new IntakeRateLimit(5, 50, clock);
		for (int i = 0; i < 1_000; i++) {
			call(limit, report("10.5." + (i / 256) + "." + (i % 256)));
		}
		assertThat(limit.clients()).isLessThanOrEqualTo(50).isPositive();
	}

	@Test
	void addressesAreForgottenOnlyAfterAFullRefill() throws Exception {
		IntakeRateLimit limit = new IntakeRateLimit(1, 100, clock);
		call(limit, report("10.6.0.1"));
		nanos[0] += Duration.ofSeconds(30).toNanos();
		assertThat(status(limit, report("10.6.0.1"))).as("still remembered, still empty").isEqualTo(429);
		nanos[0] += Duration.ofMinutes(3).toNanos();
		assertThat(limit.clients()).isZero();
		assertThat(status(limit, report("10.6.0.1"))).isEqualTo(200);
	}

	private static MockHttpServletRequest report(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/whistles");
		request.setRemoteAddr(address);
		return request;
	}

	private static int status(IntakeRateLimit limit, MockHttpServletRequest request) throws Exception {
		return call(limit, request).getStatus();
	}

	private static MockHttpServletResponse call(IntakeRateLimit limit, MockHttpServletRequest request)
			throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		limit.doFilter(request, response, new MockFilterChain());
		return response;
	}

}
