package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document describes the API: every operation under {@code /api/v1} says what
 * its success answer holds and what its JSON request body must hold, with named schemas
 * (records) rather than untyped maps.
 */
@FengqiaoIntegration
class OpenApiTests {

	static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

	@Autowired
	MockMvc mvc;

	JsonNode document;

	@BeforeEach
	void readTheDocument() throws Exception {
		String body = mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		// Kept for reading when a check below fails.
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/openapi.json"), body);
		this.document = JsonMapper.builder().build().readTree(body);
	}

	@Test
	void theOpenApiDocumentDescribesTheApi() throws Exception {
		mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").exists())
			.andExpect(jsonPath("$.paths['/api/v1/whistles']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/locate']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/whistles/track/{code}']").exists());
	}

	@Test
	void everyOperationDescribesItsSuccessAnswer() {
		List<String> missing = new ArrayList<>();
		for (Operation operation : operations()) {
			JsonNode successes = successResponses(operation.node());
			if (successes.isEmpty()) {
				missing.add(operation + ": no 2xx response");
			}
			for (Map.Entry<String, JsonNode> success : successes.properties()) {
				JsonNode content = success.getValue().path("content");
				if (content.isMissingNode() || content.isEmpty()) {
					// Only a deletion or a 204 answers with no body; anything else must
					// say what it sends.
					if (!success.getKey().equals("204") && !operation.method().equals("DELETE")) {
						missing.add(operation + ": " + success.getKey() + " without content");
					}
					continue;
				}
				for (Map.Entry<String, JsonNode> media : content.properties()) {
					String problem = responseSchemaProblem(media.getKey(), media.getValue().path("schema"));
					if (problem != null) {
						missing.add(operation + ": " + success.getKey() + " " + media.getKey() + " " + problem);
					}
				}
			}
		}
		assertThat(operations()).as("operations under /api/v1").hasSizeGreaterThan(20);
		assertThat(missing).as("operations whose success answer has no schema").isEmpty();
	}

	@Test
	void everyJsonRequestBodyHasASchemaWithProperties() {
		List<String> missing = new ArrayList<>();
		for (Operation operation : operations()) {
			JsonNode content = operation.node().path("requestBody").path("content");
			for (Map.Entry<String, JsonNode> media : content.properties()) {
				if (!media.getKey().contains("json") || media.getKey().contains("geo+json")) {
					continue;
				}
				JsonNode schema = resolve(media.getValue().path("schema"));
				if (schema.path("type").asString("").equals("array")) {
					schema = resolve(schema.path("items"));
				}
				if (!schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
					missing.add(operation + ": request " + media.getKey() + " without properties: "
							+ media.getValue().path("schema"));
				}
			}
		}
		assertThat(missing).as("JSON request bodies without a described schema").isEmpty();
	}

	@Test
	void noSchemaIsAnUntypedMap() {
		List<String> maps = new ArrayList<>();
		for (Map.Entry<String, JsonNode> schema : this.document.path("components").path("schemas").properties()) {
			untypedMaps("#/components/schemas/" + schema.getKey(), schema.getValue(), maps);
		}
		for (Operation operation : operations()) {
			for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
				for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
					untypedMaps(operation + " " + response.getKey(), media.getValue().path("schema"), maps);
				}
			}
			for (Map.Entry<String, JsonNode> media : operation.node()
				.path("requestBody")
				.path("content")
				.properties()) {
				untypedMaps(operation + " request", media.getValue().path("schema"), maps);
			}
		}
		assertThat(maps).as("schemas that are maps of anything (Map<String,Object>)").isEmpty();
	}

	@Test
	void theChecksRecogniseAnUntypedMap() {
		JsonMapper json = JsonMapper.builder().build();
		List<String> maps = new ArrayList<>();
		untypedMaps("map", json.readTree("{\"type\":\"object\",\"additionalProperties\":{}}"), maps);
		untypedMaps("typed", json.readTree("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}"),
				maps);
		assertThat(maps).containsExactly("map");
		assertThat(responseSchemaProblem("*/*", json.readTree("{\"type\":\"object\"}"))).isNotNull();
		assertThat(
				responseSchemaProblem("application/pdf", json.readTree("{\"type\":\"string\",\"format\":\"binary\"}")))
			.isNull();
	}

	/** Null when the schema describes the answer, else what is wrong with it. */
	String responseSchemaProblem(String mediaType, JsonNode schema) {
		if (schema.isMissingNode() || schema.isEmpty()) {
			return "has no schema";
		}
		if (schema.has("$ref")) {
			JsonNode target = resolve(schema);
			return (target.isMissingNode()) ? "refers to a missing schema " + schema.path("$ref").asString() : null;
		}
		String type = schema.path("type").asString("");
		if (type.equals("array")) {
			return schema.path("items").has("$ref") ? null : "is an array of unnamed items: " + schema;
		}
		if (type.equals("string") && schema.path("format").asString("").equals("binary")) {
			return null; // a file: PDF, workbook, image, CSV
		}
		if (type.equals("object") && !schema.path("description").asString("").isBlank()
				&& !schema.has("additionalProperties")) {
			return null; // e.g. a GeoJSON FeatureCollection, described in words
		}
		return "is not a named schema, an array of one, a file or a described object: " + schema;
	}

	/** Adds {@code where} for every schema in the tree that is a map of anything. */
	void untypedMaps(String where, JsonNode schema, List<String> found) {
		untypedMaps(where, schema, found, new HashSet<>());
	}

	private void untypedMaps(String where, JsonNode schema, List<String> found, Set<JsonNode> seen) {
		if (schema == null || !schema.isObject() || !seen.add(schema)) {
			return;
		}
		JsonNode extra = schema.get("additionalProperties");
		if (extra != null && !schema.has("properties")) {
			boolean anything = extra.isBoolean() ? extra.asBoolean()
					: (extra.isEmpty() || (extra.path("type").asString("").equals("object") && !extra.has("properties")
							&& !extra.has("$ref") && !extra.has("additionalProperties")));
			if (anything) {
				found.add(where);
			}
		}
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			untypedMaps(where + "." + property.getKey(), property.getValue(), found, seen);
		}
		untypedMaps(where + "[]", schema.get("items"), found, seen);
		if (extra != null && extra.isObject()) {
			untypedMaps(where + "{}", extra, found, seen);
		}
	}

	JsonNode resolve(JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/components/schemas/")) {
			return this.document.path("components")
				.path("schemas")
				.path(ref.substring("#/components/schemas/".length()));
		}
		return schema;
	}

	static JsonNode successResponses(JsonNode operation) {
		var successes = JsonMapper.builder().build().createObjectNode();
		for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
			if (response.getKey().startsWith("2")) {
				successes.set(response.getKey(), response.getValue());
			}
		}
		return successes;
	}

	List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : this.document.path("paths").properties()) {
			if (!path.getKey().startsWith("/api/v1/")) {
				continue;
			}
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				if (METHODS.contains(method.getKey())) {
					operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
				}
			}
		}
		return operations;
	}

	record Operation(String method, String path, JsonNode node) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
