package org.fengqiao.geo;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@FengqiaoIntegration
class LocateApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Grids grids;

	@Test
	void locatesAPointInTheCountySeatDownToTheMicroGrid() throws Exception {
		mvc.perform(get("/api/v1/locate").param("lon", "108.80")
			.param("lat", "37.60")
			.with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.county.code").value("610824"))
			.andExpect(jsonPath("$.township.name").value("张家畔街道"))
			.andExpect(jsonPath("$.village.code").value(org.hamcrest.Matchers.startsWith("610824001")))
			.andExpect(jsonPath("$.grid.code").value(org.hamcrest.Matchers.matchesPattern("610824001\\d{5}")))
			.andExpect(jsonPath("$.grid.level").value(4))
			.andExpect(jsonPath("$.microGrid.level").value(5))
			.andExpect(jsonPath("$.policeGrid.code").exists())
			.andExpect(jsonPath("$.policeStation.name").value(org.hamcrest.Matchers.endsWith("派出所")))
			.andExpect(jsonPath("$.policeRoom.distanceMetres").isNumber());
	}

	@Test
	void aRuralPointHasNoMicroGridButAPoliceGrid() throws Exception {
		// A grid of 东坑镇, which has no micro-grids.
		Grid rural = grids.findByLevel(Grid.BASIC)
			.stream()
			.filter(g -> g.code().startsWith("610824101"))
			.findFirst()
			.orElseThrow();
		var point = rural.boundary().getInteriorPoint();
		mvc.perform(get("/api/v1/locate").param("lon", String.valueOf(point.getX()))
			.param("lat", String.valueOf(point.getY()))
			.with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.township.code").value("610824101"))
			.andExpect(jsonPath("$.grid.code").value(rural.code()))
			.andExpect(jsonPath("$.microGrid").doesNotExist())
			.andExpect(jsonPath("$.grid.level").value(4))
			.andExpect(jsonPath("$.policeGrid.code").exists())
			.andExpect(jsonPath("$.policeRoom.name").exists());
	}

	@Test
	void aPointOutsideTheCountyIsNotCovered() throws Exception {
		mvc.perform(get("/api/v1/locate").param("lon", "116.39")
			.param("lat", "39.91")
			.with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Not covered"))
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/not-covered"));
	}

	@Test
	void badCoordinatesAreABadRequest() throws Exception {
		for (String[] bad : new String[][] { { "181", "37" }, { "108.8", "-91" }, { "abc", "37.6" }, { "NaN", "37.6" },
				{ "108.8", "Infinity" } }) {
			mvc.perform(get("/api/v1/locate").param("lon", bad[0])
				.param("lat", bad[1])
				.with(httpBasic("admin", "fengqiao-demo")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		mvc.perform(get("/api/v1/locate").param("lon", "108.8").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void anonymousCallersAreRefused() throws Exception {
		mvc.perform(get("/api/v1/locate").param("lon", "108.80").param("lat", "37.60"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void showsAGridWithItsChainChiefCountsAndPoliceGrid() throws Exception {
		mvc.perform(get("/api/v1/geo/grids/61082400100101").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.level").value(4))
			.andExpect(jsonPath("$.parents[0].code").value("61082400100100"))
			.andExpect(jsonPath("$.parents[1].code").value("61082400100000"))
			.andExpect(jsonPath("$.parents[2].code").value("61082400000000"))
			.andExpect(jsonPath("$.chief").isString())
			.andExpect(jsonPath("$.households").isNumber())
			.andExpect(jsonPath("$.population").isNumber())
			.andExpect(jsonPath("$.policeGrid.station").isString());
		mvc.perform(get("/api/v1/geo/grids/99999999999999").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/grids/x'1").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void exportsEveryLayerAsGeoJson() throws Exception {
		for (String layer : new String[] { "county", "townships", "villages", "grids", "police-stations",
				"police-grids", "police-rooms" }) {
			mvc.perform(get("/api/v1/geo/layers/" + layer).with(httpBasic("admin", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("application/geo+json"))
				.andExpect(jsonPath("$.type").value("FeatureCollection"))
				.andExpect(jsonPath("$.features[0].geometry.type").exists());
		}
		mvc.perform(get("/api/v1/geo/layers/townships").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(jsonPath("$.features.length()").value(17));
		mvc.perform(get("/api/v1/geo/layers/villages").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(jsonPath("$.features.length()").value(204));
		mvc.perform(get("/api/v1/geo/layers/police-rooms").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(jsonPath("$.features.length()").value(215));
		mvc.perform(get("/api/v1/geo/layers/rivers").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/geo/layers/grids").param("level", "9").with(httpBasic("admin", "fengqiao-demo")))
			.andExpect(status().isBadRequest());
	}

}
