package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document describes the geo, organisation and platform endpoints: every JSON
 * request and 2xx response has a schema, and the records' fields are in it.
 */
@FengqiaoIntegration
class CoreApiDocsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void everyCoreEndpointHasRequestAndResponseSchemas() throws Exception {
		JsonNode doc = JsonMapper.builder()
			.build()
			.readTree(mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		List<String> paths = List.of("/api/v1/accounts", "/api/v1/accounts/{username}/roles",
				"/api/v1/accounts/{username}/unlock", "/api/v1/me/tokens", "/api/v1/me/password", "/api/v1/tokens",
				"/api/v1/audit", "/api/v1/audit/verify", "/api/v1/locate", "/api/v1/geo/grids/{code}",
				"/api/v1/geo/layers/{layer}", "/api/v1/public/county-outline", "/api/v1/geo/imports", "/api/v1/people",
				"/api/v1/people/{id}", "/api/v1/people/{id}/reveal", "/api/v1/grids/{code}/responsible",
				"/api/v1/police-grids/{code}/on-duty", "/api/v1/organisation/compliance", "/api/v1/assignments",
				"/api/v1/assignments/{id}/end", "/api/v1/organisation/imports", "/api/v1/organisation/export");
		for (String path : paths) {
			JsonNode item = doc.path("paths").path(path);
			assertThat(item.isMissingNode()).as(path).isFalse();
			for (var operation : item.properties()) {
				JsonNode op = operation.getValue();
				JsonNode body = op.path("requestBody").path("content");
				body.properties()
					.forEach((content) -> assertThat(content.getValue().path("schema").isMissingNode())
						.as(operation.getKey() + " " + path + " request " + content.getKey())
						.isFalse());
				boolean described = false;
				for (var response : op.path("responses").properties()) {
					if (response.getKey().startsWith("2")) {
						if (response.getKey().equals("204")) {
							described = true;
						}
						for (var content : response.getValue().path("content").properties()) {
							JsonNode schema = content.getValue().path("schema");
							assertThat(schema.isMissingNode())
								.as(operation.getKey() + " " + path + " response " + content.getKey())
								.isFalse();
							described = true;
						}
					}
				}
				assertThat(described).as(operation.getKey() + " " + path + " has a 2xx response with a schema")
					.isTrue();
			}
		}
		JsonNode schemas = doc.path("components").path("schemas");
		assertThat(schemas.path("Account").path("properties").has("personId")).isTrue();
		assertThat(schemas.path("NewAccount").path("properties").path("username").path("pattern").asString())
			.isEqualTo("[a-z][a-z0-9_.-]{2,63}");
		assertThat(schemas.path("GridDetail").path("properties").has("parents")).isTrue();
		assertThat(schemas.path("PeoplePage").path("properties").has("items")).isTrue();
	}

}
