package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.ImageIO;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.platform.Hostile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Finding 11: a photo's pixel count is checked from its header before it is decoded; what
 * is stored is a re-encoded JPEG (no EXIF GPS, nothing appended); a WebP by header alone
 * is refused; staff in the whistle's area view the photos, served as images only.
 */
@FengqiaoIntegration
class WhistlePhotoTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	ResultActions report(String address, byte[]... photos) throws Exception {
		var p = directory.interiorPoint("6108240010020101").orElseThrow();
		String json = "{\"categoryCode\":\"UM-0102\",\"lon\":" + p.lon() + ",\"lat\":" + p.lat()
				+ ",\"description\":\"带照片\"}";
		var request = multipart("/api/v1/whistles")
			.file(new MockMultipartFile("report", "", "application/json", json.getBytes(StandardCharsets.UTF_8)));
		for (byte[] photo : photos) {
			request.file(new MockMultipartFile("photos", "p.jpg", "image/jpeg", photo));
		}
		return mvc.perform(request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		}));
	}

	String reportAndGetId(String address, byte[]... photos) throws Exception {
		String body = report(address, photos).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("id").asString();
	}

	List<byte[]> stored(String id) {
		return jdbc.sql("select data from whistle_photo where whistle_id = ?::uuid order by id")
			.param(id)
			.query((rs, n) -> rs.getBytes(1))
			.list();
	}

	int whistles() {
		return jdbc.sql("select count(*) from whistle").query(Integer.class).single();
	}

	static boolean contains(byte[] data, String text) {
		return new String(data, StandardCharsets.ISO_8859_1).contains(text);
	}

	@Test
	void aPngDeclaring20000By20000PixelsIsRefusedFromItsHeader() throws Exception {
		byte[] bomb = Hostile.pngDeclaring(20_000, 20_000);
		assertThat(bomb.length).as("small on the wire").isLessThan(1_000_000);
		int before = whistles();
		long start = System.nanoTime();
		report("10.71.0.1", bomb).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/photo-too-many-pixels"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("20000 × 20000")));
		assertThat(whistles()).isEqualTo(before);
		// Decoding 400 megapixels takes seconds; reading the header takes milliseconds.
		assertThat((System.nanoTime() - start) / 1_000_000).as("ms, without decoding").isLessThan(3_000);
	}

	@Test
	void theStoredCopyOfAJpegHasNoExifAndNoGpsPosition() throws Exception {
		byte[] original = Hostile.jpegWithGps();
		assertThat(contains(original, "Exif")).as("the fixture carries EXIF").isTrue();
		String id = reportAndGetId("10.71.0.2", original);
		List<byte[]> stored = stored(id);
		assertThat(stored).hasSize(1);
		byte[] copy = stored.get(0);
		assertThat(contains(copy, "Exif")).as("no EXIF segment").isFalse();
		// The GPS IFD's values (37/1, 36/1 ... as big-endian rationals) and references
		// are gone with it.
		assertThat(contains(copy, "\u0000\u0000\u0000\u0025\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0024"))
			.isFalse();
		for (int i = 2; i + 1 < copy.length; i++) {
			assertThat((copy[i] & 0xFF) == 0xFF && (copy[i + 1] & 0xFF) == 0xE1).as("no APP1 segment at " + i)
				.isFalse();
		}
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(copy));
		assertThat(decoded.getWidth()).isEqualTo(32);
		assertThat(decoded.getHeight()).isEqualTo(24);
	}

	@Test
	void aFakeWebpIsRefused() throws Exception {
		int before = whistles();
		report("10.71.0.3", Hostile.fakeWebp()).andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(whistles()).isEqualTo(before);
	}

	@Test
	void aPolyglotIsStoredAsTheReEncodedImageOnly() throws Exception {
		byte[] polyglot = Hostile.polyglotPng();
		assertThat(contains(polyglot, "<script>")).isTrue();
		String id = reportAndGetId("10.71.0.4", polyglot);
		byte[] copy = stored(id).get(0);
		assertThat(contains(copy, "<html")).isFalse();
		assertThat(contains(copy, "<script")).isFalse();
		assertThat(contains(copy, "PK\u0003\u0004")).as("no zip inside").isFalse();
		assertThat(copy[0] & 0xFF).isEqualTo(0xFF);
		assertThat(copy[1] & 0xFF).isEqualTo(0xD8);
		assertThat(copy[copy.length - 2] & 0xFF).as("ends at the JPEG's EOI").isEqualTo(0xFF);
		assertThat(copy[copy.length - 1] & 0xFF).isEqualTo(0xD9);
		assertThat(jdbc.sql("select content_type from whistle_photo where whistle_id = ?::uuid")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("image/jpeg");
	}

	@Test
	void staffInTheAreaViewThePhotosOthersDoNot() throws Exception {
		String id = reportAndGetId("10.71.0.5", Hostile.png(20, 10), Hostile.jpegWithGps());
		mvc.perform(get("/api/v1/whistles/" + id + "/photos").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].url").value("/api/v1/whistles/" + id + "/photos/1"))
			.andExpect(jsonPath("$[0].stage").value("REPORT"));
		byte[] served = mvc
			.perform(get("/api/v1/whistles/" + id + "/photos/1").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "image/jpeg"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(20);
		mvc.perform(get("/api/v1/whistles/" + id + "/photos/3").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		// Another area's grid worker, a mediator, and nobody signed in.
		mvc.perform(get("/api/v1/whistles/" + id + "/photos/1").with(httpBasic("worker2", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/whistles/" + id + "/photos").with(httpBasic("worker2", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/whistles/" + id + "/photos/1").with(httpBasic("mediator1", "fengqiao-demo")))
			.andExpect(status().isForbidden());
		int anonymous = mvc.perform(get("/api/v1/whistles/" + id + "/photos/1")).andReturn().getResponse().getStatus();
		assertThat(anonymous).as("nobody signed in").isIn(302, 401);
		// The staff work page carries the thumbnails' source for each whistle.
		String page = mvc.perform(get("/work").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("data-photos=\"/api/v1/whistles/" + id + "/photos\"");
	}

	@Test
	void aSidewaysPhoneJpegIsStoredUpright() {
		BufferedImage wide = new BufferedImage(40, 10, BufferedImage.TYPE_INT_RGB);
		BufferedImage turned = Photos.upright(wide, 6);
		assertThat(turned.getWidth()).isEqualTo(10);
		assertThat(turned.getHeight()).isEqualTo(40);
		assertThat(Photos.orientation(Hostile.jpegWithGps())).as("no orientation tag").isEqualTo(1);
	}

}
