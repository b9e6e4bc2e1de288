package org.fengqiao.dispatch;

import org.fengqiao.platform.IntakeRateLimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * Photos that are not images or too big are refused before storage; floods of anonymous
 * reports get 429.
 */
@FengqiaoIntegration
class IntakeInputTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	static byte[] png(int size) throws Exception {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	String reportJson() {
		var p = directory.interiorPoint("6108240010020101").orElseThrow();
		return "{\"categoryCode\":\"UM-0102\",\"lon\":" + p.lon() + ",\"lat\":" + p.lat() + ",\"description\":\"带照片\"}";
	}

	MockMultipartHttpServletRequestBuilder withPhotos(MockMultipartFile... photos) {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/whistles");
		request.file(new MockMultipartFile("report", "", "application/json", reportJson().getBytes()));
		for (MockMultipartFile photo : photos) {
			request.file(photo);
		}
		return request;
	}

	@Test
	void upToThreeRealImagesAreStoredWithTheReport() throws Exception {
		String body = mvc
			.perform(withPhotos(new MockMultipartFile("photos", "a.png", "image/png", png(8)),
					new MockMultipartFile("photos", "b.png", "image/png", png(16))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.photos").value(2))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).contains("trackingCode");
	}

	@Test
	void aResponderAddsPhotosOfTheWorkDone() throws Exception {
		String body = mvc.perform(withPhotos())
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("id").asString();
		var upload = multipart("/api/v1/whistles/" + id + "/photos")
			.file(new MockMultipartFile("photos", "done.png", "image/png", png(8)));
		mvc.perform(
				upload.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.photos").value(1));
		mvc.perform(multipart("/api/v1/whistles/" + id + "/photos")
			.file(new MockMultipartFile("photos", "x.png", "image/png", "not an image".getBytes()))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isUnsupportedMediaType());
		mvc.perform(multipart("/api/v1/whistles/" + id + "/photos")
			.file(new MockMultipartFile("photos", "done.png", "image/png", png(8))))
			.andExpect(status().is4xxClientError());
		org.assertj.core.api.Assertions
			.assertThat(jdbc.sql("select count(*) from whistle_photo where whistle_id = ?::uuid")
				.param(id)
				.query(Integer.class)
				.single())
			.as("only the responder's real photo")
			.isEqualTo(1);
	}

	@Test
	void fakeTooManyOrOversizePhotosAreRefusedBeforeStorage() throws Exception {
		int before = jdbc.sql("select count(*) from whistle").query(Integer.class).single();
		// A script renamed to .jpg with an image content type.
		mvc.perform(withPhotos(
				new MockMultipartFile("photos", "x.jpg", "image/jpeg", "<script>alert(1)</script>".getBytes())))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/not-an-image"));
		// JPEG magic bytes but no image behind them.
		mvc.perform(withPhotos(new MockMultipartFile("photos", "y.jpg", "image/jpeg",
				new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3 })))
			.andExpect(status().isUnsupportedMediaType());
		mvc.perform(withPhotos(new MockMultipartFile("photos", "1.png", "image/png", png(4)),
				new MockMultipartFile("photos", "2.png", "image/png", png(4)),
				new MockMultipartFile("photos", "3.png", "image/png", png(4)),
				new MockMultipartFile("photos", "4.png", "image/png", png(4))))
			.andExpect(status().isUnprocessableContent());
		byte[] big = new byte[6 * 1024 * 1024];
		System.arraycopy(png(4), 0, big, 0, png(4).length);
		mvc.perform(withPhotos(new MockMultipartFile("photos", "big.png", "image/png", big)))
			.andExpect(status().isPayloadTooLarge());
		assertThat(jdbc.sql("select count(*) from whistle").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void aFloodOfAnonymousReportsFromOneAddressGets429() throws Exception {
		long[] nanos = { 0 };
		io.github.bucket4j.TimeMeter frozen = new io.github.bucket4j.TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return nanos[0];
			}

			@Override
			public boolean isWallClockBased() {
				return false;
			}
		};
		IntakeRateLimit limit = new IntakeRateLimit(5, frozen);
		int[] statuses = new int[7];
		for (int i = 0; i < 7; i++) {
			statuses[i] = call(limit, "10.9.9.9").getStatus();
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
		var refused = call(limit, "10.9.9.9");
		assertThat(refused.getHeader("Retry-After")).isNotNull();
		assertThat(refused.getContentType()).startsWith("application/problem+json");
		assertThat(refused.getContentAsString()).contains("too-many-reports");
		// A mediation application from the same address draws on the same budget.
		var application = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/v1/public/disputes");
		application.setRemoteAddr("10.9.9.9");
		var applicationResponse = new org.springframework.mock.web.MockHttpServletResponse();
		limit.doFilter(application, applicationResponse, new org.springframework.mock.web.MockFilterChain());
		assertThat(applicationResponse.getStatus()).isEqualTo(429);
		assertThat(call(limit, "10.9.9.10").getStatus()).as("another address").isEqualTo(200);
		nanos[0] += java.time.Duration.ofSeconds(13).toNanos();
		assertThat(call(limit, "10.9.9.9").getStatus()).as("a token refilled after 12 s").isEqualTo(200);
		// A header alone does not lift the limit; staff and systems that security
		// authenticated are not limited.
		var withHeader = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/v1/whistles");
		withHeader.addHeader("Authorization", "Foo bar");
		withHeader.setRemoteAddr("10.9.9.9");
		var headerOnly = new org.springframework.mock.web.MockHttpServletResponse();
		limit.doFilter(withHeader, headerOnly, new org.springframework.mock.web.MockFilterChain());
		assertThat(headerOnly.getStatus()).isEqualTo(429);
		var response = new org.springframework.mock.web.MockHttpServletResponse();
		var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
		context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
			.authenticated("worker1", null, java.util.List.of()));
		try {
			limit.doFilter(withHeader, response, new org.springframework.mock.web.MockFilterChain());
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
		assertThat(response.getStatus()).isEqualTo(200);
		// Wired into the running application: anonymous POSTs pass through it.
		mvc.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnprocessableContent());
	}

	private static org.springframework.mock.web.MockHttpServletResponse call(IntakeRateLimit limit, String address)
			throws Exception {
		var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/api/v1/whistles");
		request.setRemoteAddr(address);
		var response = new org.springframework.mock.web.MockHttpServletResponse();
		limit.doFilter(request, response, new org.springframework.mock.web.MockFilterChain());
		return response;
	}

}
