package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluation through the API and the page: every township scored with its explanation,
 * figures equal to the values API's, and each caller sees only the units and people of
 * their data scope.
 */
@FengqiaoIntegration
class EvaluationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Clock clock;

	@Autowired
	GridDirectory directory;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	String yearToDate() {
		YearMonth m = YearMonth.now(clock);
		return YearMonth.of(m.getYear(), 1) + ".." + m;
	}

	JsonNode evaluation(String user, String of) throws Exception {
		return json.readTree(mvc
			.perform(get("/api/v1/evaluation").param("period", yearToDate())
				.param("of", of)
				.with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	List<String> keys(JsonNode result) {
		List<String> keys = new ArrayList<>();
		result.get("scores").forEach(s -> keys.add(s.get("key").asString()));
		return keys;
	}

	String township(String name) {
		return directory.divisions().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().code();
	}

	@Test
	void theCommandCentreScoresEveryTownshipAndEachScoreExplainsItself() throws Exception {
		JsonNode result = evaluation("command", "township");
		long townships = directory.divisions().stream().filter(d -> "TOWNSHIP".equals(d.level())).count();
		assertThat(result.get("scores").size()).isEqualTo((int) townships);
		assertThat(result.get("weights").size()).isEqualTo(4);
		String ningtiaoliang = township("宁条梁镇");
		JsonNode values = json.readTree(mvc.perform(get("/api/v1/indicators/values").param("area", ningtiaoliang)
			.param("period", yearToDate())
			.param("codes", "whistles.received,whistles.closure-rate")
			.with(httpBasic("command", "fengqiao-demo"))).andReturn().getResponse().getContentAsString());
		for (JsonNode s : result.get("scores")) {
			assertThat(s.get("parts").size()).isEqualTo(4);
			if (!s.get("score").isNull()) {
				BigDecimal sum = BigDecimal.ZERO;
				for (JsonNode p : s.get("parts")) {
					sum = sum.add(p.get("contribution").decimalValue());
				}
				assertThat(sum.subtract(s.get("score").decimalValue()).abs())
					.isLessThanOrEqualTo(new BigDecimal("0.1"));
				assertThat(s.get("grade").asString()).isIn("A", "B", "C", "D");
			}
			if (s.get("key").asString().equals(ningtiaoliang)) {
				assertThat(s.get("parts").get(0).get("value").decimalValue())
					.isEqualByComparingTo(values.get("values").get(0).get("value").decimalValue());
				JsonNode closure = values.get("values").get(1).get("value");
				if (closure.isNull()) {
					assertThat(s.get("parts").get(1).get("value").isNull()).isTrue();
				}
				else {
					assertThat(s.get("parts").get(1).get("value").decimalValue())
						.isEqualByComparingTo(closure.decimalValue());
				}
			}
		}
		// The best first.
		List<BigDecimal> totals = new ArrayList<>();
		result.get("scores").forEach(s -> {
			if (!s.get("score").isNull()) {
				totals.add(s.get("score").decimalValue());
			}
		});
		assertThat(totals).isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

	@Test
	void aTownshipSeesItselfOnlyWithTheCountysScore() throws Exception {
		String ningtiaoliang = township("宁条梁镇");
		JsonNode own = evaluation("ningtiaoliang", "township");
		assertThat(keys(own)).containsExactly(ningtiaoliang);
		JsonNode all = evaluation("command", "township");
		JsonNode same = null;
		for (JsonNode s : all.get("scores")) {
			if (s.get("key").asString().equals(ningtiaoliang)) {
				same = s;
			}
		}
		assertThat(own.get("scores").get(0)).isEqualTo(same);
		assertThat(keys(evaluation("ningtiaoliang", "station"))).isEmpty();
	}

	@Test
	void aStationChiefSeesTheirStationAndAGridWorkerThemselves() throws Exception {
		String xijiao = directory.stations()
			.stream()
			.filter(s -> s.name().startsWith("西郊"))
			.findFirst()
			.orElseThrow()
			.code();
		assertThat(keys(evaluation("xijiao", "station"))).containsExactly(xijiao);
		assertThat(keys(evaluation("command", "station"))).contains(xijiao).hasSize(directory.stations().size());
		assertThat(keys(evaluation("xijiao", "township"))).isEmpty();

		Long worker = jdbc.sql("select person_id from person_account where username = 'worker1'")
			.query(Long.class)
			.single();
		List<String> grids = jdbc.sql("""
				select grid_code from assignment where person_id = ? and kind in ('GRID_WORKER', 'GRID_CHIEF')
				and valid_to is null""").param(worker).query(String.class).list();
		// Themselves, and the chiefs of the micro-grids inside their grid: nobody with a
		// grid outside it.
		JsonNode mine = evaluation("worker1", "person");
		assertThat(keys(mine)).contains(String.valueOf(worker));
		for (JsonNode s : mine.get("scores")) {
			java.util.regex.Matcher codes = java.util.regex.Pattern.compile("（(\\d+)）")
				.matcher(s.get("detail").asString());
			int found = 0;
			while (codes.find()) {
				found++;
				String code = codes.group(1);
				assertThat(grids).anyMatch(code::startsWith);
			}
			assertThat(found).isPositive();
			if (s.get("key").asString().equals(String.valueOf(worker))) {
				assertThat(s.get("detail").asString()).contains("网格员");
			}
		}
		assertThat(keys(evaluation("command", "person"))).contains(String.valueOf(worker));
		assertThat(keys(evaluation("worker2", "person"))).doesNotContain(String.valueOf(worker));
	}

	@Test
	void badInputIsA400() throws Exception {
		String future = String.valueOf(YearMonth.now(clock).getYear() + 1);
		String[][] cases = { { "2025-13", "township", "bad-period" }, { future, "township", "period-in-future" },
				{ yearToDate(), "village", "bad-evaluation-subject" } };
		for (String[] c : cases) {
			mvc.perform(get("/api/v1/evaluation").param("period", c[0])
				.param("of", c[1])
				.with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith(c[2])));
		}
	}

	@Test
	void thePageShowsTheCallersScoresAndIsClosedToOthers() throws Exception {
		String page = mvc
			.perform(get("/evaluation").param("of", "township").with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("宁条梁镇").doesNotContain("张家畔街道");
		mvc.perform(get("/evaluation").with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/evaluation").with(httpBasic("auditor", "fengqiao-demo")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/briefs/monthly").param("month", "2025-11")
			.param("format", "xlsx")
			.with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isForbidden());
		String brief = mvc.perform(get("/statistics/brief").with(httpBasic("ningtiaoliang", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(brief).contains("宁条梁镇共受理群众吹哨").contains("format=xlsx");
	}

}
