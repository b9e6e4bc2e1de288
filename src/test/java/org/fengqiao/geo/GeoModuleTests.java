package org.fengqiao.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The geography module alone: geo and the platform it stands on (database, security,
 * clock), none of the modules that use it. Its own embedded PostgreSQL (a data directory
 * apart from the shared integration context's, which the same JVM keeps running) with the
 * demo geography.
 */
@ApplicationModuleTest(mode = BootstrapMode.STANDALONE, extraIncludes = "platform")
@ActiveProfiles("test")
@TestPropertySource(properties = "fengqiao.database.data-dir=target/test-pg-geo")
class GeoModuleTests {

	@Autowired
	GridLocator locator;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	@Test
	void startsWithoutTheModulesThatUseIt() {
		assertThat(context.getBeanNamesForType(GridLocator.class)).hasSize(1);
		for (String name : context.getBeanDefinitionNames()) {
			Class<?> type = context.getType(name);
			if (type != null && type.getPackageName().startsWith("org.fengqiao.")) {
				assertThat(type.getPackageName()).as("bean %s", name)
					.matches("org\\.fengqiao\\.(geo|platform)(\\..*)?");
			}
		}
	}

	@Test
	void locatesAPointOfTheCountySeatFromTheDemoGeography() {
		Location location = locator.locate(108.80, 37.60).orElseThrow();
		assertThat(location.county().code()).isEqualTo("610824");
		assertThat(location.township().name()).isEqualTo("张家畔街道");
		assertThat(location.grid().code()).matches("610824001\\d{5}");
		assertThat(location.microGrid().level()).isEqualTo(5);
		int stored = jdbc.sql("select count(*) from grid where code = ?")
			.param(location.grid().code())
			.query(Integer.class)
			.single();
		assertThat(stored).as("the grid is in the module's own database").isEqualTo(1);
		assertThat(location.grid().code()).startsWith(location.village().code());
	}

	@Test
	void aPointOutsideTheCountyIsNowhere() {
		assertThat(locator.locate(116.40, 39.90)).isEmpty();
	}

}
