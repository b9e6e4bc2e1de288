package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.dispatch.WhistleChanged;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicator engine through its API: values on a small data set computed by hand (in
 * 2019-2020, before the demo history), the same period a year earlier and the one before,
 * a zero base, the daily and the monthly roll-ups agreeing, a change counted the moment
 * it commits, and bad input.
 */
@FengqiaoIntegration
class IndicatorsTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	final JsonMapper json = JsonMapper.builder().build();

	final List<UUID> created = new ArrayList<>();

	@AfterEach
	void removeTheDataSet() {
		if (created.isEmpty()) {
			return;
		}
		jdbc.sql("delete from whistle_event where whistle_id = any(?)").param(created.toArray(UUID[]::new)).update();
		jdbc.sql("delete from whistle where id = any(?)").param(created.toArray(UUID[]::new)).update();
		changed(created);
		created.clear();
	}

	/** Tells the statistics that these whistles changed, in one transaction. */
	void changed(List<UUID> ids) {
		transactions.executeWithoutResult(
				s -> ids.forEach(id -> events.publishEvent(new WhistleChanged(id, "test", null, null))));
	}

	/**
	 * A whistle written straight into dispatch's table, as dispatch would have left it.
	 */
	UUID whistle(GridDirectory.GridInfo grid, String reported, String state, Integer acceptedAfterMinutes,
			boolean resolvedLate, int escalations, Integer rating, boolean reopened) {
		UUID id = UUID.randomUUID();
		Timestamp at = Timestamp.from(LocalDateTime.parse(reported).atZone(ZONE).toInstant());
		Timestamp accepted = acceptedAfterMinutes == null ? null
				: new Timestamp(at.getTime() + acceptedAfterMinutes * 60_000L);
		boolean resolved = List.of("RESOLVED", "CONFIRMED", "CLOSED").contains(state);
		Timestamp handleDue = new Timestamp(at.getTime() + 24 * 3600_000L);
		Timestamp resolvedAt = !resolved ? null
				: new Timestamp(handleDue.getTime() + (resolvedLate ? 3600_000L : -3600_000L));
		jdbc.sql(
				"""
						insert into whistle (id, tracking_code, category_code, state, grade, line, lon, lat, description,
						    township_code, village_code, grid_code, police_grid_code, responder_level, responder_grid_code,
						    reported_at, accepted_at, handle_due, resolved_at, rating, escalations)
						values (?, ?, 'UM-0102', ?, 2, 'GRID', 108.8, 37.6, 'statistics test', ?, ?, ?, ?, 5, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, "ST" + id.toString().substring(0, 8).toUpperCase(), state, grid.divisionCode().substring(0, 9),
					grid.divisionCode(), grid.code(), grid.policeGridCode(), grid.code(), at, accepted, handleDue,
					resolvedAt, rating, escalations)
			.update();
		if (reopened) {
			jdbc.sql("""
					insert into whistle_event (whistle_id, at, action, actor, from_state, to_state)
					values (?, ?, 'reopen', 'resident', 'RESOLVED', 'DISPATCHED')""").params(id, at).update();
		}
		created.add(id);
		return id;
	}

	GridDirectory.GridInfo someGrid() {
		return directory.grids(4)
			.stream()
			.filter(g -> g.policeGridCode() != null && g.divisionCode() != null && g.divisionCode().length() == 12)
			.findFirst()
			.orElseThrow();
	}

	JsonNode values(String user, String area, String period, String codes) throws Exception {
		return body(mvc
			.perform(get("/api/v1/indicators/values").param("area", area)
				.param("period", period)
				.param("codes", codes)
				.with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk()));
	}

	JsonNode body(ResultActions result) throws Exception {
		return json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	static JsonNode value(JsonNode values, String code) {
		for (JsonNode v : values.get("values")) {
			if (v.get("code").asText().equals(code)) {
				return v;
			}
		}
		throw new AssertionError("no value " + code + " in " + values);
	}

	static BigDecimal decimal(JsonNode v, String field) {
		JsonNode n = v.get(field);
		return n == null || n.isNull() ? null : new BigDecimal(n.asText());
	}

	@Test
	void aSmallDataSetGivesTheFiguresComputedByHand() throws Exception {
		GridDirectory.GridInfo g = someGrid();
		// March 2020: 7 whistles.
		whistle(g, "2020-03-02T09:00", "CLOSED", 10, false, 0, 5, false); // closed on
																			// time, 10
																			// min
		whistle(g, "2020-03-03T09:00", "CONFIRMED", 40, false, 1, 3, false); // closed,
																				// late,
																				// 40 min
		whistle(g, "2020-03-10T09:00", "RESOLVED", 20, true, 0, null, true); // resolved
																				// late,
																				// reopened
																				// before
		whistle(g, "2020-03-15T09:00", "DISPATCHED", null, false, 2, null, false); // open
																					// and
																					// overdue
		whistle(g, "2020-03-20T09:00", "ACCEPTED", 5, false, 0, null, false); // open, not
																				// due yet
		whistle(g, "2020-03-25T09:00", "SUSPENDED", null, false, 1, null, false); // suspended:
																					// not
																					// due
		whistle(g, "2020-03-31T23:50", "MERGED", null, false, 0, null, false); // a
																				// duplicate:
																				// received
																				// only
		// 23:30 on 29 February in Beijing is still February (15:30 UTC).
		whistle(g, "2020-02-29T23:30", "CLOSED", 10, false, 0, 4, false);
		whistle(g, "2019-03-05T09:00", "CLOSED", 10, false, 0, 4, false);
		changed(created);

		JsonNode grid = values("command", g.code(), "2020-03", "");
		assertThat(grid.get("area").asText()).isEqualTo(g.code());
		assertThat(grid.get("areaKind").asText()).isEqualTo("grid");
		assertThat(grid.get("previousYearPeriod").asText()).isEqualTo("2019-03");
		assertThat(grid.get("previousPeriod").asText()).isEqualTo("2020-02");
		JsonNode received = value(grid, "whistles.received");
		assertThat(decimal(received, "value")).isEqualByComparingTo("7");
		assertThat(decimal(received, "previousYear")).isEqualByComparingTo("1");
		assertThat(decimal(received, "yearOnYear")).isEqualByComparingTo("6");
		assertThat(decimal(received, "previousPeriod")).isEqualByComparingTo("1");
		assertThat(decimal(received, "periodOnPeriod")).isEqualByComparingTo("6");
		assertThat(decimal(value(grid, "whistles.closed"), "value")).isEqualByComparingTo("2");
		JsonNode closure = value(grid, "whistles.closure-rate");
		assertThat(decimal(closure, "numerator")).isEqualByComparingTo("2");
		assertThat(decimal(closure, "denominator")).isEqualByComparingTo("4"); // 3
																				// handled
																				// + 1
																				// overdue
																				// open
		assertThat(decimal(closure, "value")).isEqualByComparingTo("0.5");
		assertThat(decimal(closure, "previousYear")).isEqualByComparingTo("1");
		assertThat(decimal(closure, "yearOnYear")).isEqualByComparingTo("-0.5");
		assertThat(decimal(value(grid, "whistles.on-time-rate"), "value")).isEqualByComparingTo("0.25");
		assertThat(decimal(value(grid, "whistles.within-30-minutes-share"), "value")).isEqualByComparingTo("0.75");
		assertThat(decimal(value(grid, "whistles.response-minutes-p50"), "value")).isEqualByComparingTo("10");
		assertThat(decimal(value(grid, "whistles.response-minutes-p50"), "denominator")).isEqualByComparingTo("4");
		assertThat(decimal(value(grid, "whistles.response-minutes-p90"), "value")).isEqualByComparingTo("40");
		JsonNode escalated = value(grid, "whistles.escalated");
		assertThat(decimal(escalated, "value")).isEqualByComparingTo("3");
		// Nothing escalated a year earlier: a zero base gives no change, not an infinity.
		assertThat(decimal(escalated, "previousYear")).isEqualByComparingTo("0");
		assertThat(escalated.get("yearOnYear").isNull()).isTrue();
		assertThat(decimal(value(grid, "whistles.rework-rate"), "value")).isEqualByComparingTo("0.3333");
		assertThat(decimal(value(grid, "whistles.satisfaction"), "value")).isEqualByComparingTo("4.00");
		assertThat(decimal(value(grid, "whistles.satisfied-share"), "value")).isEqualByComparingTo("0.5");

		// The village (the monthly roll-up) and the week and day (the daily one) agree.
		JsonNode village = values("command", g.divisionCode(), "2020-03", "whistles.received,whistles.closure-rate");
		assertThat(decimal(value(village, "whistles.received"), "value")).isEqualByComparingTo("7");
		assertThat(decimal(value(village, "whistles.closure-rate"), "value")).isEqualByComparingTo("0.5");
		assertThat(decimal(value(values("command", g.code(), "2020-W10", "whistles.received"), "whistles.received"),
				"value"))
			.isEqualByComparingTo("2"); // 2-8 March 2020: the 2nd and the 3rd
		assertThat(decimal(value(values("command", g.code(), "2020-03-31", "whistles.received"), "whistles.received"),
				"value"))
			.isEqualByComparingTo("1");
		assertThat(decimal(
				value(values("command", g.code(), "2020-01..2020-03", "whistles.received"), "whistles.received"),
				"value"))
			.isEqualByComparingTo("8");

		// A change is counted when it commits: the open overdue one is closed.
		UUID overdue = created.get(3);
		jdbc.sql("update whistle set state = 'CLOSED', resolved_at = reported_at + interval '2 days' where id = ?")
			.param(overdue)
			.update();
		changed(List.of(overdue));
		JsonNode after = values("command", g.code(), "2020-03", "whistles.closed,whistles.closure-rate");
		assertThat(decimal(value(after, "whistles.closed"), "value")).isEqualByComparingTo("3");
		assertThat(decimal(value(after, "whistles.closure-rate"), "value")).isEqualByComparingTo("0.75");

		// The breakdown by month of the quarter.
		JsonNode months = body(mvc
			.perform(get("/api/v1/indicators/breakdown").param("code", "whistles.received")
				.param("area", g.code())
				.param("period", "2020-Q1")
				.param("by", "month")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk()));
		assertThat(months.get("rows")).hasSize(2);
		assertThat(months.get("rows").get(0).get("key").asText()).isEqualTo("2020-02");
		assertThat(decimal(months.get("rows").get(1), "value")).isEqualByComparingTo("7");
	}

	@Test
	void aReportIsCountedTheMomentItIsStored() throws Exception {
		String today = LocalDate.now(clock).toString();
		BigDecimal before = decimal(value(values("command", "610824", today, "whistles.received"), "whistles.received"),
				"value");
		var point = directory.interiorPoint("6108240010010101").orElseThrow();
		JsonNode created = body(mvc
			.perform(post("/api/v1/whistles").contentType(MediaType.APPLICATION_JSON)
				.content("{\"categoryCode\":\"UM-0102\",\"lon\":" + point.lon() + ",\"lat\":" + point.lat()
						+ ",\"description\":\"统计测试：路灯不亮\"}"))
			.andExpect(status().isCreated()));
		assertThat(created.get("trackingCode").asText()).isNotBlank();
		BigDecimal after = decimal(value(values("command", "610824", today, "whistles.received"), "whistles.received"),
				"value");
		assertThat(after).isEqualByComparingTo(before.add(BigDecimal.ONE));
	}

	@Test
	void badInputIsRefusedWithTheValidChoices() throws Exception {
		JsonNode unknown = body(mvc
			.perform(get("/api/v1/indicators/values").param("period", "2025")
				.param("codes", "whistles.received,whistles.nonsense")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest()));
		assertThat(unknown.get("type").asText()).endsWith("unknown-indicator");
		assertThat(unknown.get("detail").asText()).contains("whistles.closure-rate", "disputes.success-rate");
		for (String period : List.of("2025-13", "2025-W54", "2025-02-30", "2025-Q5", "25", "2025-11..2025-01",
				"2024-11..2025-02", "<script>")) {
			JsonNode bad = body(mvc
				.perform(get("/api/v1/indicators/values").param("period", period)
					.with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isBadRequest()));
			assertThat(bad.get("detail").asText()).as(period).contains("2025-W27", "2025-01..2025-11");
		}
		mvc.perform(get("/api/v1/indicators/values").param("period", "2025\u0000")
			.with(httpBasic("command", "fengqiao-demo"))).andExpect(status().isBadRequest());
		String nextYear = String.valueOf(LocalDate.now(clock).getYear() + 1);
		JsonNode future = body(mvc
			.perform(get("/api/v1/indicators/values").param("period", nextYear)
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest()));
		assertThat(future.get("type").asText()).endsWith("period-in-future");
		for (String area : List.of("999999", "61082400", "abc", "6108240010010101999999")) {
			JsonNode bad = body(mvc
				.perform(get("/api/v1/indicators/values").param("period", "2025")
					.param("area", area)
					.with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isBadRequest()));
			assertThat(bad.get("type").asText()).as(area).endsWith("unknown-area");
		}
		JsonNode by = body(mvc
			.perform(get("/api/v1/indicators/breakdown").param("code", "whistles.received")
				.param("period", "2025")
				.param("by", "planet")
				.with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isBadRequest()));
		assertThat(by.get("detail").asText()).contains("township", "category", "month");
	}

	@Autowired
	Indicators indicators;

	/**
	 * docs/indicators.md: every definition, as the engine has them (commit it when it
	 * changes).
	 */
	void writeTheCatalogue() throws java.io.IOException {
		StringBuilder md = new StringBuilder(
				"""
						# Indicators

						Every indicator the platform computes, defined once in its source (`WhistleIndicators`, `DisputeIndicators`,
						`ComplianceIndicators`; later modules add theirs through `IndicatorSource`). Written by `IndicatorsTests`
						from the running engine: the same list as `GET /api/v1/indicators`. A whistle counts in the period it was
						reported in, a dispute in the one it was registered in; a snapshot describes today.

						| code | 名称 | name | unit | value | higher is better | numerator | denominator | counts | breakdowns |
						| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
						""");
		for (Indicator i : indicators.definitions()) {
			md.append("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n".formatted(i.code(), i.nameZh(),
					i.nameEn(), i.unit(), i.form(), i.higherIsBetter() ? "yes" : "no", i.numerator(), i.denominator(),
					i.snapshot() ? "snapshot: " + i.filters() : i.filters(), String.join(", ", i.breakdowns())));
		}
		java.nio.file.Files.writeString(java.nio.file.Path.of("docs/indicators.md"), md.toString());
	}

	@Test
	void theDefinitionsAreListedOnce() throws Exception {
		JsonNode list = body(mvc.perform(get("/api/v1/indicators").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk()));
		List<String> codes = new ArrayList<>();
		list.forEach(i -> codes.add(i.get("code").asText()));
		assertThat(codes).doesNotHaveDuplicates()
			.contains("whistles.received", "whistles.closed", "whistles.closure-rate", "whistles.on-time-rate",
					"whistles.response-minutes-p50", "whistles.response-minutes-p90",
					"whistles.within-30-minutes-share", "whistles.escalated", "whistles.rework-rate",
					"whistles.satisfaction", "disputes.screened", "disputes.mediated", "disputes.settled",
					"disputes.success-rate", "disputes.settled-in-village-share", "disputes.settled-in-town-share",
					"disputes.civil-to-criminal-prevented", "organisation.stations-meeting-community-share");
		writeTheCatalogue();
		JsonNode rework = list.get(codes.indexOf("whistles.rework-rate"));
		assertThat(rework.get("higherIsBetter").asBoolean()).isFalse();
		assertThat(rework.get("nameZh").asText()).isEqualTo("返工率");
		assertThat(rework.get("denominator").asText()).isNotBlank();
	}

}
