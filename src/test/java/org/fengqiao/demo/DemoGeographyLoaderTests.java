package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

@FengqiaoIntegration
class DemoGeographyLoaderTests {

	@Autowired
	DemoGeographyLoader loader;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loadingTheDemoGeographyAgainChangesNothing() {
		List<Integer> before = counts();
		assertThat(before.get(0)).isEqualTo(222);
		loader.run(new DefaultApplicationArguments());
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void theStoredDemoDataKeepsTheFusionRules() {
		assertThat(jdbc.sql("""
				select count(*) from grid where level = 4 and division_code like '610824001%'
				  and substr(division_code, 10, 3) < '200'""").query(Integer.class).single()).isEqualTo(76);
		assertThat(jdbc.sql("""
				select count(distinct police_grid_code) from grid where level = 4 and division_code like '610824001%'
				  and substr(division_code, 10, 3) < '200'""").query(Integer.class).single()).isEqualTo(28);
		assertThat(jdbc.sql("select count(*) from grid where level >= 4 and police_grid_code is null")
			.query(Integer.class)
			.single()).isZero();
	}

	private List<Integer> counts() {
		return List.of(count("division"), count("police_station"), count("police_grid"), count("police_room"));
	}

	private int count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

}
