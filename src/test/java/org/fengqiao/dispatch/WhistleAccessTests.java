package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #9, findings 1, 2, 9 and 10 reproduced against the running application: who may
 * act on a whistle is the domain's table (staff cannot confirm for the resident, grid
 * workers cannot close or merge across areas), transfer targets are a closed list, the
 * live stream follows the data scope, and one idempotency key makes one whistle.
 */
@FengqiaoIntegration
class WhistleAccessTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	final JsonMapper json = JsonMapper.builder().build();

	String gridOf(String username) {
		return jdbc.sql("""
				select a.grid_code from assignment a join person_account ac on ac.person_id = a.person_id
				where ac.username = ? and a.kind = 'GRID_WORKER' order by a.grid_code limit 1""")
			.param(username)
			.query(String.class)
			.single();
	}

	double[] pointIn(String gridCode) {
		var at = directory.interiorPoint(gridCode).orElseThrow();
		return new double[] { at.lon(), at.lat() };
	}

	JsonNode report(String category, double[] at, String description) throws Exception {
		return body(mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(
						Map.of("categoryCode", category, "lon", at[0], "lat", at[1], "description", description))))
			.andExpect(status().isCreated()));
	}

	JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	ResultActions act(String id, String action, String body, String user) throws Exception {
		return mvc.perform(post("/api/v1/whistles/" + id + "/" + action).contentType(MediaType.APPLICATION_JSON)
			.content(body == null ? "{}" : body)
			.with(httpBasic(user, "fengqiao-demo")));
	}

	String state(String id) {
		return jdbc.sql("select state from whistle where id = ?::uuid").param(id).query(String.class).single();
	}

	/**
	 * A lost-property report in worker1's grid, accepted and resolved by worker1 (its
	 * summoned grid worker). Lost property, because repeated rubbish reports at one spot
	 * raise the grade of other tests' reports there.
	 */
	JsonNode resolvedByWorker1(String description) throws Exception {
		JsonNode w = report("HR-03", pointIn(gridOf("worker1")), description);
		String id = w.get("id").asString();
		act(id, "accept", null, "worker1").andExpect(status().isOk());
		act(id, "resolve", "{\"notes\":\"已清理\"}", "worker1").andExpect(status().isOk());
		return w;
	}

	@Test
	void staffCannotConfirmOrReopenOnTheResidentsBehalfAndTheResidentStillCan() throws Exception {
		JsonNode w = resolvedByWorker1("在楼道里丢了一串钥匙");
		String id = w.get("id").asString();
		String code = w.get("trackingCode").asString();
		act(id, "confirm", "{\"rating\":5}", "worker1").andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/not-allowed"));
		act(id, "confirm", "{\"rating\":5}", "command").andExpect(status().isForbidden());
		act(id, "reopen", "{\"reason\":\"x\"}", "worker1").andExpect(status().isForbidden());
		assertThat(state(id)).isEqualTo("RESOLVED");
		assertThat(jdbc.sql("select rating from whistle where id = ?::uuid")
			.param(id)
			.query(Integer.class)
			.optional()
			.orElse(null)).isNull();
		// The resident's own actions still work, by tracking code.
		mvc.perform(post("/api/v1/whistles/track/" + code + "/reopen").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"钥匙还没找到\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DISPATCHED"));
		act(id, "accept", null, "worker1").andExpect(status().isOk());
		act(id, "resolve", "{\"notes\":\"再次清理\"}", "worker1").andExpect(status().isOk());
		mvc.perform(post("/api/v1/whistles/track/" + code + "/confirm").contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\":4}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CLOSED"))
			.andExpect(jsonPath("$.rating").value(4));
	}

	@Test
	void aGridWorkerCannotCloseAResolvedWhistleAndTheCommandCentreWaitsForTheResident() throws Exception {
		String id = resolvedByWorker1("钱包落在公交站").get("id").asString();
		act(id, "close", "{\"reason\":\"已处理\"}", "worker1").andExpect(status().isForbidden());
		act(id, "close", "{\"reason\":\"已处理\"}", "officer1").andExpect(status().isForbidden());
		act(id, "close", "{\"reason\":\"已处理\"}", "command").andExpect(status().isConflict())
			.andExpect(jsonPath("$.state").value("RESOLVED"));
		assertThat(state(id)).isEqualTo("RESOLVED");
	}

	@Test
	void photosOfTheWorkDoneAreAddedByThoseWhoMayResolve() throws Exception {
		String id = report("HR-03", pointIn(gridOf("worker1")), "丢了一个书包").get("id").asString();
		var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var png = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", png);
		var photo = new org.springframework.mock.web.MockMultipartFile("photos", "done.png", "image/png",
				png.toByteArray());
		// officer1's police grid covers worker1's grid, but a lost-property report does
		// not summon the officer.
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/v1/whistles/" + id + "/photos")
			.file(photo)
			.with(httpBasic("officer1", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/v1/whistles/" + id + "/photos")
			.file(photo)
			.with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.photos").value(1));
	}

	@Test
	void aMergeNeedsBothWhistlesInTheActorsScopeAndAnOpenSurvivor() throws Exception {
		JsonNode urban = report("HR-03", pointIn(gridOf("worker1")), "小区门口丢了雨伞");
		JsonNode rural = report("HR-03", pointIn(gridOf("worker2")), "村口丢了一只羊");
		String id = urban.get("id").asString();
		act(id, "merge", "{\"into\":\"" + rural.get("id").asString() + "\"}", "worker1")
			.andExpect(status().isForbidden());
		assertThat(state(id)).isEqualTo("DISPATCHED");
		mvc.perform(get("/api/v1/whistles/track/" + urban.get("trackingCode").asString()))
			.andExpect(jsonPath("$.followedBy").doesNotExist());
		// worker2 cannot even see the urban whistle.
		act(id, "merge", "{\"into\":\"" + rural.get("id").asString() + "\"}", "worker2")
			.andExpect(status().isNotFound());
		// Into a closed whistle: refused, whoever asks.
		String closed = resolvedByWorker1("手机落在广场长椅").get("id").asString();
		act(id, "merge", "{\"into\":\"" + closed + "\"}", "command").andExpect(status().isConflict());
		act(id, "merge", "{\"into\":\"" + UUID.randomUUID() + "\"}", "command")
			.andExpect(status().isUnprocessableContent());
		// Within the area, into an open whistle: allowed.
		String other = report("HR-03", pointIn(gridOf("worker1")), "又有人在小区门口丢了雨伞").get("id").asString();
		act(id, "merge", "{\"into\":\"" + other + "\"}", "worker1").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("MERGED"));
	}

	@Test
	void transferTargetsAreAClosedListAndEveryHandOffIsKept() throws Exception {
		String id = report("DS-01", pointIn(gridOf("worker1")), "两家因停车吵架").get("id").asString();
		act(id, "transfer", "{\"target\":\"nonsense\",\"reason\":\"x\"}", "command").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/bad-transfer-target"));
		act(id, "transfer", "{\"reason\":\"x\"}", "command").andExpect(status().isBadRequest());
		assertThat(state(id)).isEqualTo("DISPATCHED");
		act(id, "transfer", "{\"target\":\"POLICE\",\"reason\":\"涉嫌违法\"}", "worker1").andExpect(status().isForbidden());
		act(id, "transfer", "{\"target\":\"POLICE\",\"reason\":\"涉嫌违法\"}", "command").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("TRANSFERRED"));
		assertThat(jdbc
			.sql("select target || ' ' || reason || ' ' || actor from whistle_handoff where whistle_id = ?::uuid")
			.param(id)
			.query(String.class)
			.list()).containsExactly("POLICE 涉嫌违法 command");
	}

	@Test
	void anUnknownActionIsNotFoundAndTheSystemsActionsAreNotForStaff() throws Exception {
		String id = report("HR-03", pointIn(gridOf("worker1")), "捡到一张银行卡").get("id").asString();
		act(id, "nonsense", null, "command").andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/unknown-action"));
		act(id, "escalate", null, "command").andExpect(status().isForbidden());
		act(id, "dispatch", null, "command").andExpect(status().isForbidden());
		assertThat(state(id)).isEqualTo("DISPATCHED");
	}

	@Test
	void theLiveStreamCarriesOnlyTheChangesInTheSubscribersScope() throws Exception {
		MvcResult worker1 = subscribe("worker1");
		MvcResult worker2 = subscribe("worker2");
		MvcResult command = subscribe("command");
		String urban = report("HR-03", pointIn(gridOf("worker1")), "人行道上捡到钱包").get("id").asString();
		act(urban, "accept", null, "worker1").andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> heard(worker1).contains(urban + "\",\"action\":\"accept") && heard(command).contains(urban));
		// Changes reach subscribers in order: once worker2 hears a later change in its
		// own grid, it has been passed
		// (or spared) the urban one.
		String rural = report("HR-03", pointIn(gridOf("worker2")), "村道上丢了钥匙").get("id").asString();
		await().atMost(Duration.ofSeconds(20)).until(() -> heard(worker2).contains(rural));
		assertThat(heard(worker2)).doesNotContain(urban);
		assertThat(heard(worker1)).doesNotContain(rural);
		assertThat(heard(command)).contains(rural);
	}

	MvcResult subscribe(String user) throws Exception {
		MvcResult result = mvc
			.perform(get("/api/v1/whistles/stream").accept(MediaType.TEXT_EVENT_STREAM)
				.with(httpBasic(user, "fengqiao-demo")))
			.andExpect(request().asyncStarted())
			.andReturn();
		await().atMost(Duration.ofSeconds(10)).until(() -> heard(result).contains("event:ready"));
		return result;
	}

	static String heard(MvcResult stream) throws Exception {
		return stream.getResponse().getContentAsString();
	}

	@Test
	void eightConcurrentReportsWithOneIdempotencyKeyMakeOneWhistleAndEightIdenticalAnswers() throws Exception {
		String key = "race-" + UUID.randomUUID();
		double[] at = pointIn(gridOf("worker1"));
		String body = json.writeValueAsString(
				Map.of("categoryCode", "HR-03", "lon", at[0], "lat", at[1], "description", "丢了身份证，同一个报告重试了八次"));
		CountDownLatch start = new CountDownLatch(1);
		var pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<int[]>> statuses = new ArrayList<>();
			List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
			for (int i = 0; i < 8; i++) {
				statuses.add(pool.submit(() -> {
					start.await();
					var response = mvc
						.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
							.header("Idempotency-Key", key)
							.content(body))
						.andReturn()
						.getResponse();
					answers.add(response.getContentAsString());
					return new int[] { response.getStatus() };
				}));
			}
			start.countDown();
			for (Future<int[]> s : statuses) {
				assertThat(s.get()[0]).isEqualTo(201);
			}
			assertThat(answers).hasSize(8);
			assertThat(answers.stream().distinct()).as("eight identical answers").hasSize(1);
			assertThat(jdbc.sql("select count(*) from whistle where idempotency_key = ?")
				.param(key)
				.query(Integer.class)
				.single()).isEqualTo(1);
			String id = json.readTree(answers.get(0)).get("id").asString();
			assertThat(jdbc.sql("select count(*) from whistle_event where whistle_id = ?::uuid")
				.param(id)
				.query(Integer.class)
				.single()).as("one history").isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
	}

}
