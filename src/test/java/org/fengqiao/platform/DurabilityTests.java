package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The running application: commits wait for the log, connections are awaited briefly,
 * readiness follows the database.
 */
@FengqiaoIntegration
class DurabilityTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	HealthEndpointGroups health;

	@Autowired
	MockMvc mvc;

	@Test
	void commitsWaitForTheLogAndConnectionsAreAwaitedAtMostOneAndAHalfSeconds() {
		assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
		HikariDataSource pool = (HikariDataSource) dataSource;
		assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(1500);
		assertThat(pool.getValidationTimeout()).isLessThanOrEqualTo(1000);
	}

	@Test
	void readinessIncludesTheDatabaseAndLivenessDoesNot() throws Exception {
		assertThat(health.get("readiness").isMember("db")).isTrue();
		assertThat(health.get("liveness").isMember("db")).isFalse();
		mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

}
