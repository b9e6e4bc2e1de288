package org.fengqiao.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data scope on every number: a township sees its own figures and is refused the
 * county's; a grid worker sees their grid; a station chief sees the station; breakdowns
 * hold only what the caller may see; the administrators see no figures at all.
 */
@FengqiaoIntegration
class IndicatorScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	GridDirectory directory;

	@Autowired
	JdbcClient jdbc;

	final JsonMapper json = JsonMapper.builder().build();

	String township() {
		return directory.divisions().stream().filter(d -> d.name().equals("宁条梁镇")).findFirst().orElseThrow().code();
	}

	JsonNode get200(String user, String path, String... params) throws Exception {
		var request = get(path).with(httpBasic(user, "fengqiao-demo"));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return json
			.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	int statusOf(String user, String path, String... params) throws Exception {
		var request = get(path).with(httpBasic(user, "fengqiao-demo"));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	@Test
	void aTownshipSeesItsOwnNumbersAndIsRefusedTheCounty() throws Exception {
		String t = township();
		JsonNode own = get200("ningtiaoliang", "/api/v1/indicators/values", "area", t, "period", "2025");
		assertThat(own.get("areaName").asText()).isEqualTo("宁条梁镇");
		assertThat(own.get("values").size()).isGreaterThan(10);
		// Without an area, a caller with one area sees that area.
		assertThat(get200("ningtiaoliang", "/api/v1/indicators/values", "period", "2025").get("area").asText())
			.isEqualTo(t);
		assertThat(statusOf("ningtiaoliang", "/api/v1/indicators/values", "area", "610824", "period", "2025"))
			.isEqualTo(403);
		String other = directory.divisions()
			.stream()
			.filter(d -> d.level().equals("TOWNSHIP") && !d.code().equals(t))
			.findFirst()
			.orElseThrow()
			.code();
		assertThat(statusOf("ningtiaoliang", "/api/v1/indicators/values", "area", other, "period", "2025"))
			.isEqualTo(403);
		assertThat(statusOf("ningtiaoliang", "/api/v1/indicators/breakdown", "code", "whistles.received", "area",
				"610824", "period", "2025", "by", "township"))
			.isEqualTo(403);
		// Its breakdowns hold only its own villages.
		JsonNode villages = get200("ningtiaoliang", "/api/v1/indicators/breakdown", "code", "disputes.screened", "area",
				t, "period", "2025", "by", "village");
		assertThat(villages.get("rows").size()).isPositive();
		villages.get("rows").forEach(r -> assertThat(r.get("key").asText()).startsWith(t));
		// And its figures are the county's figures of that township.
		JsonNode county = get200("command", "/api/v1/indicators/values", "area", t, "period", "2025");
		assertThat(own.get("values").toString()).isEqualTo(county.get("values").toString());
	}

	@Test
	void aGridWorkerSeesTheirGridOnly() throws Exception {
		String grid = jdbc.sql("""
				select a.grid_code from assignment a join person_account pa on pa.person_id = a.person_id
				where pa.username = 'worker1' and a.kind = 'GRID_WORKER' and a.valid_to is null""")
			.query(String.class)
			.list()
			.get(0);
		JsonNode own = get200("worker1", "/api/v1/indicators/values", "area", grid, "period", "2025");
		assertThat(own.get("areaKind").asText()).isEqualTo("grid");
		assertThat(statusOf("worker1", "/api/v1/indicators/values", "area", grid.substring(0, 12), "period", "2025"))
			.isEqualTo(403);
		assertThat(statusOf("worker1", "/api/v1/indicators/values", "area", "610824", "period", "2025")).isEqualTo(403);
	}

	@Test
	void aStationChiefSeesTheStation() throws Exception {
		String station = directory.stations()
			.stream()
			.filter(s -> s.name().startsWith("西郊"))
			.findFirst()
			.orElseThrow()
			.code();
		JsonNode own = get200("xijiao", "/api/v1/indicators/values", "area", station, "period", "2025");
		assertThat(own.get("areaKind").asText()).isEqualTo("station");
		JsonNode county = get200("command", "/api/v1/indicators/values", "area", station, "period", "2025");
		assertThat(own.get("values").toString()).isEqualTo(county.get("values").toString());
		assertThat(statusOf("xijiao", "/api/v1/indicators/values", "area", "610824", "period", "2025")).isEqualTo(403);
		JsonNode grids = get200("xijiao", "/api/v1/indicators/breakdown", "code", "whistles.received", "area", station,
				"period", "2025", "by", "police-grid");
		grids.get("rows")
			.forEach(r -> assertThat(directory.policeGrid(r.get("key").asText()).orElseThrow().stationCode())
				.isEqualTo(station));
	}

	@Test
	void administratorsSeeNoFigures() throws Exception {
		for (String user : new String[] { "auditor", "security", "admin" }) {
			assertThat(statusOf(user, "/api/v1/indicators/values", "period", "2025")).as(user).isEqualTo(403);
		}
	}

}
