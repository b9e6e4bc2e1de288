package org.fengqiao.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document describes every whistle operation: each request body and each
 * successful response has a schema, and the JSON ones name a component with its
 * properties (records, not maps).
 */
@FengqiaoIntegration
class WhistleApiContractTests {

	/** Every whistle operation: method and path as the document names them. */
	static final List<String> OPERATIONS = List.of("post /api/v1/whistles", "get /api/v1/whistles",
			"get /api/v1/whistles/{id}", "post /api/v1/whistles/{id}/{action}", "post /api/v1/whistles/{id}/photos",
			"get /api/v1/whistles/{id}/photos", "get /api/v1/whistles/{id}/photos/{number}",
			"get /api/v1/whistles/stream", "get /api/v1/whistles/track/{code}",
			"post /api/v1/whistles/track/{code}/{action}", "get /api/v1/categories");

	/** The picture itself: the one body that is not JSON (the stream's events are). */
	static final List<String> NOT_JSON = List.of("get /api/v1/whistles/{id}/photos/{number}");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	JsonNode document;

	@BeforeEach
	void load() throws Exception {
		String body = mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		document = json.readTree(body);
	}

	@Test
	void everyWhistleOperationIsDocumented() {
		List<String> documented = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			if (path.getKey().startsWith("/api/v1/whistles") || path.getKey().equals("/api/v1/categories")) {
				for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
					documented.add(operation.getKey() + " " + path.getKey());
				}
			}
		}
		assertThat(documented).containsExactlyInAnyOrderElementsOf(OPERATIONS);
	}

	@Test
	void everyWhistleOperationHasASchemaForItsResponse() {
		for (String operation : OPERATIONS) {
			JsonNode ok = operation(operation).get("responses")
				.properties()
				.stream()
				.filter(r -> r.getKey().startsWith("2"))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			assertThat(ok).as(operation + ": a successful response").isNotNull();
			assertThat(ok.has("content")).as(operation + ": a body").isTrue();
			for (Map.Entry<String, JsonNode> content : ok.get("content").properties()) {
				JsonNode schema = content.getValue().get("schema");
				assertThat(schema).as(operation + " " + content.getKey() + ": a schema").isNotNull();
				if (NOT_JSON.contains(operation)) {
					assertThat(schema.has("type")).as(operation + ": the type of its body").isTrue();
				}
				else {
					assertDescribed(operation + " " + content.getKey(), schema);
				}
			}
		}
	}

	@Test
	void everyWhistleRequestBodyHasASchema() {
		Map<String, List<String>> bodies = Map.of("post /api/v1/whistles",
				List.of("application/json", "multipart/form-data"), "post /api/v1/whistles/{id}/{action}",
				List.of("application/json"), "post /api/v1/whistles/track/{code}/{action}", List.of("application/json"),
				"post /api/v1/whistles/{id}/photos", List.of("multipart/form-data"));
		bodies.forEach((operation, types) -> {
			JsonNode content = operation(operation).path("requestBody").path("content");
			for (String type : types) {
				JsonNode schema = content.path(type).get("schema");
				assertThat(schema).as(operation + " " + type + ": a request schema").isNotNull();
				if (type.contains("json")) {
					assertDescribed(operation + " " + type, schema);
				}
				else {
					assertThat(schema.path("properties").size()).as(operation + " " + type + ": its parts")
						.isPositive();
				}
			}
		});
		JsonNode report = component(operation("post /api/v1/whistles").path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema"));
		assertThat(report.path("properties").path("description").path("maxLength").asInt())
			.isEqualTo(Dispatcher.MAX_DESCRIPTION);
		JsonNode transition = component(operation("post /api/v1/whistles/{id}/{action}").path("requestBody")
			.path("content")
			.path("application/json")
			.path("schema"));
		assertThat(transition.path("properties").path("reason").path("maxLength").asInt()).isEqualTo(2000);
	}

	@Test
	void aWhistleIsDescribedFieldByFieldAsItIsSent() {
		JsonNode detail = component(operation("get /api/v1/whistles/{id}").path("responses")
			.path("200")
			.path("content")
			.path("*/*")
			.path("schema"));
		assertThat(detail.path("properties").propertyNames()).contains("id", "trackingCode", "state", "grade",
				"gradeColour", "clock", "respondDue", "township", "reporterPhone", "escalations", "history",
				"responders", "photos", "possibleDuplicateOf");
		assertThat(detail.path("properties").has("whistle")).as("unwrapped, as sent").isFalse();
	}

	private JsonNode operation(String operation) {
		String[] parts = operation.split(" ", 2);
		JsonNode node = document.path("paths").path(parts[1]).path(parts[0]);
		assertThat(node.isMissingNode()).as(operation + " is documented").isFalse();
		return node;
	}

	/** A schema names a component with properties, or is an array of one. */
	private void assertDescribed(String what, JsonNode schema) {
		JsonNode target = schema.has("items") ? schema.get("items") : schema;
		assertThat(target.has("$ref")).as(what + ": a named schema, not a map: " + schema).isTrue();
		assertThat(component(target).path("properties").size()).as(what + ": its fields").isPositive();
	}

	private JsonNode component(JsonNode ref) {
		String name = ref.path("$ref").asString().replace("#/components/schemas/", "");
		JsonNode component = document.path("components").path("schemas").path(name);
		assertThat(component.isMissingNode()).as("component " + name).isFalse();
		return component;
	}

}
