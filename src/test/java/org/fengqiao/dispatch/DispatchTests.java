package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake, grading, routing, transitions, tracking and escalation against the demo county.
 */
@FengqiaoIntegration
@RecordApplicationEvents
class DispatchTests {

	@Autowired
	java.time.Clock clock;

	/** A point in 统万路社区第1网格 (worker1's grid), which has micro-grids. */
	static final double[] URBAN = { 0, 0 };

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.fengqiao.geo.GridDirectory directory;

	@Autowired
	Escalator escalator;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	ApplicationEvents events;

	final JsonMapper json = JsonMapper.builder().build();

	double[] pointIn(String gridCode) {
		var at = directory.interiorPoint(gridCode).orElseThrow();
		return new double[] { at.lon(), at.lat() };
	}

	ResultActions report(String category, double[] at, String description, String key) throws Exception {
		var request = post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(java.util.Map.of("categoryCode", category, "lon", at[0], "lat", at[1],
					"description", description, "reporterName", "李女士", "reporterPhone", "13800138000")));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return mvc.perform(request);
	}

	JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	@Test
	void aResidentsReportIsGradedRoutedToTheMicroGridAndGetsA30MinuteClock() throws Exception {
		double[] at = pointIn("6108240010010101");
		// Other tests of this run report rubbish in worker1's grid too; this is about a
		// first report, so theirs are moved
		// out of the repeat rule's window (R12: three within 7 days and 200 m raise the
		// grade).
		jdbc.sql("""
				update whistle set reported_at = reported_at - interval '8 days'
				where category_code = 'UM-0102' and abs(lon - ?) < 0.01 and abs(lat - ?) < 0.01""")
			.params(at[0], at[1])
			.update();
		JsonNode w = body(report("UM-0102", at, "小区门口垃圾堆了三天没人清", null).andExpect(status().isCreated()));
		assertThat(w.get("trackingCode").asString()).matches("[A-Z0-9]{12}");
		assertThat(w.get("grade").asInt()).isEqualTo(3);
		assertThat(w.get("gradeColour").asString()).isEqualTo("BLUE");
		assertThat(w.get("state").asString()).isEqualTo("DISPATCHED");
		assertThat(w.get("level").asInt()).isEqualTo(5);
		assertThat(w.get("levelGrid").asString()).isEqualTo("6108240010010101");
		assertThat(w.get("grid").asString()).isEqualTo("61082400100101");
		assertThat(Duration.between(Instant.parse(w.get("reportedAt").asString()),
				Instant.parse(w.get("respondDue").asString())))
			.isEqualTo(Duration.ofMinutes(30));
		assertThat(w.get("clock").asString()).isEqualTo("ON_TIME");
		UUID id = UUID.fromString(w.get("id").asString());
		// Summoned: the micro-grid's chief and the grid's worker (worker1's person).
		List<String> roles = jdbc.sql("select role from whistle_responder where whistle_id = ?")
			.param(id)
			.query(String.class)
			.list();
		assertThat(roles).contains("GRID_CHIEF", "GRID_WORKER");
		assertThat(jdbc.sql("""
				select count(*) from whistle_responder r join person_account a on a.person_id = r.person_id
				where r.whistle_id = ? and a.username = 'worker1'""").param(id).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(events.stream(WhistleDispatched.class)).anyMatch(e -> e.whistleId().equals(id));
	}

	@Test
	void theDemoHasLiveWhistlesInSeveralStatesSomeOverdue() throws Exception {
		assertThat(jdbc.sql("select count(distinct state) from whistle where idempotency_key like 'demo-%'")
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(4);
		assertThat(jdbc
			.sql("""
					select count(*) from whistle where idempotency_key like 'demo-%' and state = 'DISPATCHED' and respond_due < ?""")
			.param(java.sql.Timestamp.from(clock.instant()))
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(2);
		mvc.perform(get("/api/v1/whistles").param("state", "DISPATCHED").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[?(@.clock == 'OVERDUE')]").isNotEmpty());
	}

	@Test
	void weaponsRaiseTheGradeToRedAndSummonTheCounty() throws Exception {
		JsonNode w = body(
				report("DS-01", pointIn("61082400100201"), "邻居吵架，一方拿着刀在楼道里", null).andExpect(status().isCreated()));
		assertThat(w.get("grade").asInt()).isEqualTo(1);
		assertThat(w.get("gradeReason").asString()).contains("凶器");
		assertThat(w.get("level").asInt()).isEqualTo(1);
		assertThat(w.get("levelGrid").asString()).isEqualTo("61082400000000");
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyCreatesNothing() throws Exception {
		double[] at = pointIn("61082400100301");
		String first = body(report("UM-0102", at, "垃圾", "key-123").andExpect(status().isCreated())).get("id")
			.asString();
		int before = jdbc.sql("select count(*) from whistle").query(Integer.class).single();
		String second = body(report("UM-0102", at, "垃圾", "key-123").andExpect(status().isCreated())).get("id")
			.asString();
		assertThat(second).isEqualTo(first);
		assertThat(jdbc.sql("select count(*) from whistle").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void badReportsAreRefusedAndNothingIsStored() throws Exception {
		int before = jdbc.sql("select count(*) from whistle").query(Integer.class).single();
		report("UM-0102", new double[] { 116.39, 39.91 }, "北京的垃圾", null).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/not-covered"));
		report("UM-0102", new double[] { 190, 37 }, "x", null).andExpect(status().isUnprocessableContent());
		report("NO-SUCH", pointIn("61082400100101"), "x", null).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/unknown-category"));
		report("UM-0102", pointIn("61082400100101"), "长".repeat(2001), null)
			.andExpect(status().isUnprocessableContent());
		report("UM-0102", pointIn("61082400100101"), "   ", null).andExpect(status().isUnprocessableContent());
		mvc.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from whistle").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void scriptInTheTextIsStoredAsTextAndReturnedAsAJsonString() throws Exception {
		String hostile = "<script>alert('x')</script> 井盖丢了";
		JsonNode w = body(report("UM-0102", pointIn("61082400100401"), hostile, null).andExpect(status().isCreated()));
		assertThat(w.get("description").asString()).isEqualTo(hostile);
	}

	@Test
	void theGridWorkerAcceptsResolvesAndTheResidentConfirmsByTrackingCode() throws Exception {
		JsonNode w = body(report("UM-0102", pointIn("6108240010010102"), "路边垃圾", null));
		String id = w.get("id").asString();
		String code = w.get("trackingCode").asString();
		mvc.perform(post("/api/v1/whistles/" + id + "/accept").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.handleDue").isNotEmpty());
		mvc.perform(post("/api/v1/whistles/" + id + "/accept").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.state").value("ACCEPTED"));
		mvc.perform(post("/api/v1/whistles/" + id + "/arrive").with(httpBasic("worker2", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/whistles/" + id + "/resolve").contentType(MediaType.APPLICATION_JSON)
			.content("{\"notes\":\"已清理\"}")
			.with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RESOLVED"));
		mvc.perform(get("/api/v1/whistles/track/" + code))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("RESOLVED"))
			.andExpect(jsonPath("$.history[1].by").value("w**"))
			.andExpect(jsonPath("$.reporterPhone").doesNotExist());
		mvc.perform(post("/api/v1/whistles/track/" + code + "/confirm").contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\":9}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/whistles/track/" + code + "/confirm").contentType(MediaType.APPLICATION_JSON)
			.content("{\"rating\":5}")).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("CLOSED"));
		mvc.perform(get("/api/v1/whistles/track/ZZZZZZZZZZZZ")).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/whistles/track/short")).andExpect(status().isNotFound());
	}

	@Test
	void twoWorkersAcceptingAtOnceHaveOneWinner() throws Exception {
		String id = body(report("UM-0102", pointIn("6108240010010103"), "垃圾", null)).get("id").asString();
		Callable<Integer> accept = () -> mvc
			.perform(post("/api/v1/whistles/" + id + "/accept").with(httpBasic("worker1", "fengqiao-demo")))
			.andReturn()
			.getResponse()
			.getStatus();
		var pool = Executors.newFixedThreadPool(2);
		try {
			var a = pool.submit(accept);
			var b = pool.submit(accept);
			assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aTransferToMediationIsAnEventOtherModulesCanConsume() throws Exception {
		String id = body(report("DS-01", pointIn("61082400100501"), "邻居因漏水吵架", null)).get("id").asString();
		mvc.perform(post("/api/v1/whistles/" + id + "/transfer").contentType(MediaType.APPLICATION_JSON)
			.content("{\"target\":\"MEDIATION\",\"reason\":\"转人民调解\"}")
			.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("TRANSFERRED"));
		assertThat(events.stream(WhistleTransferred.class))
			.anyMatch(e -> e.whistleId().toString().equals(id) && e.target() == TransferTarget.MEDIATION);
	}

	@Test
	void aNearbyReportOfTheSameKindIsProposedAsADuplicateAndCanBeMerged() throws Exception {
		double[] at = pointIn("6108240010030101");
		JsonNode first = body(report("UM-0104", at, "路面很脏", null));
		JsonNode second = body(report("UM-0104", new double[] { at[0] + 0.0002, at[1] }, "这条路没人扫", null));
		String secondId = second.get("id").asString();
		mvc.perform(get("/api/v1/whistles/" + secondId).with(httpBasic("command", "fengqiao-demo")))
			.andExpect(jsonPath("$.possibleDuplicateOf.id").value(first.get("id").asString()));
		mvc.perform(post("/api/v1/whistles/" + secondId + "/merge").contentType(MediaType.APPLICATION_JSON)
			.content("{\"into\":\"" + first.get("id").asString() + "\"}")
			.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("MERGED"));
		// The merged reporter follows the surviving whistle with their own tracking code.
		mvc.perform(get("/api/v1/whistles/track/" + second.get("trackingCode").asString()))
			.andExpect(jsonPath("$.state").value("MERGED"))
			.andExpect(jsonPath("$.followedBy").value(first.get("trackingCode").asString()));
		// A report far away is not a duplicate.
		JsonNode far = body(report("UM-0104", pointIn("61082410320001"), "路面很脏", null));
		mvc.perform(get("/api/v1/whistles/" + far.get("id").asString()).with(httpBasic("command", "fengqiao-demo")))
			.andExpect(jsonPath("$.possibleDuplicateOf").doesNotExist());
	}

	@Test
	void theCommandCentreSupervisesAndRedispatchesWithWhoAndWhy() throws Exception {
		String id = body(report("UM-0102", pointIn("6108240010010105"), "垃圾", null)).get("id").asString();
		mvc.perform(post("/api/v1/whistles/" + id + "/supervise").contentType(MediaType.APPLICATION_JSON)
			.content("{\"card\":\"YELLOW\",\"reason\":\"20分钟未响应\"}")
			.with(httpBasic("worker1", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/whistles/" + id + "/supervise").contentType(MediaType.APPLICATION_JSON)
			.content("{\"card\":\"YELLOW\",\"reason\":\"20分钟未响应\"}")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/whistles/" + id + "/redispatch").contentType(MediaType.APPLICATION_JSON)
			.content("{\"level\":3,\"reason\":\"交社区处理\"}")
			.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.level").value(3))
			.andExpect(jsonPath("$.history[?(@.action == 'supervise')].actor").value("command"))
			.andExpect(jsonPath("$.history[?(@.action == 'supervise')].reason").value("YELLOW: 20分钟未响应"))
			.andExpect(jsonPath("$.history[?(@.action == 'redispatch')].reason").value("交社区处理"));
	}

	@Test
	void jointCategoriesSummonTheGridWorkerAndTheOfficerTogether() throws Exception {
		UUID id = UUID
			.fromString(body(report("UM-0506", pointIn("6108240010010106"), "楼下广场舞音响太吵", null)).get("id").asString());
		assertThat(jdbc.sql("select role from whistle_responder where whistle_id = ?")
			.param(id)
			.query(String.class)
			.list()).contains("GRID_WORKER", "OFFICER");
	}

	@Test
	void departmentItemsSummonTheSpecialistWhoChecksInAndNeverAGridWorker() throws Exception {
		UUID id = UUID
			.fromString(body(report("UM-0101", pointIn("6108240010010107"), "楼顶私搭乱建彩钢房", null)).get("id").asString());
		List<String> roles = jdbc.sql("select role from whistle_responder where whistle_id = ?")
			.param(id)
			.query(String.class)
			.list();
		assertThat(roles).contains("SPECIALIST").doesNotContain("GRID_WORKER");
		long specialist = jdbc
			.sql("select person_id from whistle_responder where whistle_id = ? and role = 'SPECIALIST'")
			.param(id)
			.query(Long.class)
			.single();
		assertThat(jdbc.sql("select specialty from assignment where person_id = ? and kind = 'SPECIALIST'")
			.param(specialist)
			.query(String.class)
			.single()).isEqualTo("URBAN_ENFORCEMENT");
		// The specialist acts as a member of staff outside the grid's scope: being
		// summoned is what lets them check in.
		Dispatcher.Actor asSpecialist = Dispatcher.Actor.staff("specialist",
				java.util.EnumSet.of(WhistlePermissions.Role.GRID_WORKER), specialist,
				org.fengqiao.organisation.DataScope.NOTHING);
		dispatcher.act(id, WhistleAction.CHECKIN, asSpecialist,
				new Dispatcher.Action(null, null, null, null, null, null, null));
		assertThat(jdbc.sql("select checked_in_at from whistle_responder where whistle_id = ? and person_id = ?")
			.params(id, specialist)
			.query(java.sql.Timestamp.class)
			.single()).isNotNull();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> dispatcher.act(id, WhistleAction.CHECKIN, asSpecialist,
					new Dispatcher.Action(null, null, null, null, null, null, null)))
			.as("a second check-in")
			.isInstanceOfSatisfying(org.fengqiao.platform.DomainException.class,
					e -> assertThat(e.type()).isEqualTo("not-summoned"));
	}

	@Test
	void onlyAChiefMaySuspendAndTheHandlingClockMovesByThePause() throws Exception {
		String id = body(report("UM-0102", pointIn("6108240010010108"), "垃圾", null)).get("id").asString();
		mvc.perform(post("/api/v1/whistles/" + id + "/accept").with(httpBasic("worker1", "fengqiao-demo")))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/whistles/" + id + "/suspend").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"等环卫车\"}")
			.with(httpBasic("worker1", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/whistles/" + id + "/suspend").contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/whistles/" + id + "/suspend").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"等环卫车\"}")
			.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("SUSPENDED"));
		assertThat(jdbc.sql("select escalate_at from whistle where id = ?::uuid")
			.param(id)
			.query(java.sql.Timestamp.class)
			.optional()
			.orElse(null)).as("no clock runs while suspended").isNull();
		mvc.perform(post("/api/v1/whistles/" + id + "/resume").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ACCEPTED"))
			.andExpect(jsonPath("$.handleDue").isNotEmpty());
	}

	@Test
	void aWhistleSuspendedOnSceneResumesOnSceneAfterBeingStored() throws Exception {
		String id = body(report("UM-0102", pointIn("6108240010010108"), "垃圾", null)).get("id").asString();
		for (String action : List.of("accept", "arrive")) {
			mvc.perform(post("/api/v1/whistles/" + id + "/" + action).with(httpBasic("worker1", "fengqiao-demo")))
				.andExpect(status().isOk());
		}
		mvc.perform(post("/api/v1/whistles/" + id + "/suspend").contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\":\"等供电部门\"}")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isOk());
		assertThat(jdbc.sql("select suspended_from from whistle where id = ?::uuid")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("ON_SCENE");
		mvc.perform(post("/api/v1/whistles/" + id + "/resume").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ON_SCENE"));
	}

	@Test
	void aLateWhistleClimbsTheGridChainOneLevelAtATime() throws Exception {
		JsonNode w = body(report("UM-0102", pointIn("6108240010010104"), "垃圾", null));
		UUID id = UUID.fromString(w.get("id").asString());
		Instant due = Instant.parse(w.get("respondDue").asString());
		escalator.escalateDue(due.minusSeconds(1), 1000);
		assertThat(level(id)).as("not yet due").isEqualTo(5);
		Instant t = due.plusSeconds(1);
		for (int expected = 4; expected >= 1; expected--) {
			escalator.escalateDue(t, 1000);
			assertThat(level(id)).isEqualTo(expected);
			t = t.plus(Duration.ofMinutes(31));
		}
		escalator.escalateDue(t.plus(Duration.ofDays(1)), 1000);
		assertThat(level(id)).as("level 1 is the top").isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from whistle_event where whistle_id = ? and action = 'escalate'")
			.param(id)
			.query(Integer.class)
			.single()).isEqualTo(4);
		assertThat(jdbc
			.sql("select count(*) from whistle_responder where whistle_id = ? and role = 'GRID_CHIEF' and level = 1")
			.param(id)
			.query(Integer.class)
			.single()).as("the county chief is summoned").isPositive();
	}

	private int level(UUID id) {
		return jdbc.sql("select responder_level from whistle where id = ?").param(id).query(Integer.class).single();
	}

}
