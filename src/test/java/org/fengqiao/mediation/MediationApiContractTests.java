package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue #10: the mediation API's bodies are records, so the OpenAPI document describes
 * every request and response of the dispute endpoints with a schema that has properties.
 */
@FengqiaoIntegration
class MediationApiContractTests {

	/** Files, not JSON: their schema is a binary string. */
	static final Set<String> FILES = Set.of("/api/v1/disputes/export.csv", "/api/v1/disputes/{id}/agreement.pdf",
			"/api/v1/disputes/{id}/archive.pdf", "/api/v1/disputes/{id}/archive.zip");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	JsonNode document;

	@BeforeEach
	void readTheDocument() throws Exception {
		String body = mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		document = JsonMapper.builder().build().readTree(body);
	}

	/** The mediation operations: path, method and the operation. */
	List<Map.Entry<String, JsonNode>> operations() {
		List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			String p = path.getKey();
			if (p.startsWith("/api/v1/disputes") || p.startsWith("/api/v1/public/disputes")
					|| p.startsWith("/api/v1/mediation/")) {
				for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
					operations.add(Map.entry(operation.getKey().toUpperCase() + " " + p, operation.getValue()));
				}
			}
		}
		return operations;
	}

	/**
	 * The schema's properties, following a $ref to its component and an array to its
	 * items.
	 */
	JsonNode properties(JsonNode schema) {
		if (schema == null) {
			return null;
		}
		if (schema.has("items")) {
			return properties(schema.get("items"));
		}
		if (schema.has("$ref")) {
			String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
			return properties(document.get("components").get("schemas").get(name));
		}
		return schema.get("properties");
	}

	static JsonNode firstSchema(JsonNode content) {
		return content == null || content.isEmpty() ? null : content.values().iterator().next().get("schema");
	}

	@Test
	void everyDisputeOperationAnswersWithASchemaThatHasProperties() {
		List<Map.Entry<String, JsonNode>> operations = operations();
		assertThat(operations).as("the mediation operations").hasSizeGreaterThan(25);
		for (Map.Entry<String, JsonNode> operation : operations) {
			String name = operation.getKey();
			JsonNode responses = operation.getValue().get("responses");
			JsonNode success = responses.has("201") ? responses.get("201") : responses.get("200");
			assertThat(success).as(name + " has a 200 or 201 response").isNotNull();
			JsonNode schema = firstSchema(success.get("content"));
			assertThat(schema).as(name + " has a response schema").isNotNull();
			if (FILES.stream().anyMatch(name::endsWith)) {
				assertThat(schema.toString()).as(name).contains("binary");
				continue;
			}
			JsonNode properties = properties(schema);
			assertThat(properties).as(name + " answers a record with properties: " + schema).isNotNull();
			assertThat(properties.size()).as(name).isPositive();
		}
	}

	@Test
	void everyDisputeRequestBodyHasASchemaWithProperties() {
		int bodies = 0;
		for (Map.Entry<String, JsonNode> operation : operations()) {
			JsonNode body = operation.getValue().get("requestBody");
			if (body == null) {
				continue;
			}
			bodies++;
			JsonNode properties = properties(firstSchema(body.get("content")));
			assertThat(properties).as(operation.getKey() + " takes a record with properties").isNotNull();
			assertThat(properties.size()).as(operation.getKey()).isPositive();
		}
		assertThat(bodies).as("request bodies").isGreaterThan(15);
	}

	@Test
	void nestedAndUnwrappedFieldsAreDescribed() {
		JsonNode view = properties(
				firstSchema(document.at("/paths/~1api~1v1~1disputes~1{id}/get/responses/200/content")));
		assertThat(view.has("trackingCode")).isTrue();
		assertThat(view.has("history")).isTrue();
		assertThat(properties(view.get("parties")).has("idNumber")).isTrue();
		assertThat(properties(view.get("agreement")).has("confirmationDue")).isTrue();
		JsonNode state = view.get("state");
		if (state.has("$ref")) {
			state = document.get("components")
				.get("schemas")
				.get(state.get("$ref").asString().replace("#/components/schemas/", ""));
		}
		assertThat(state.get("enum").toString()).as("the states are listed").contains("MEDIATING");

		JsonNode scheduled = properties(
				firstSchema(document.at("/paths/~1api~1v1~1disputes~1{id}~1sessions/post/responses/201/content")));
		assertThat(scheduled.has("sessionId")).as("scheduled: " + scheduled).isTrue();
		assertThat(scheduled.has("trackingCode")).as("the view is unwrapped: " + scheduled).isTrue();

		JsonNode figures = properties(
				firstSchema(document.at("/paths/~1api~1v1~1disputes~1figures/get/responses/200/content")));
		assertThat(figures.has("screened")).as("figures: " + figures).isTrue();
		assertThat(figures.has("bySource")).isTrue();
		assertThat(properties(figures.get("previousYear")).has("settled")).isTrue();
		assertThat(properties(figures.get("civilToCriminalPrevented")).has("persons")).isTrue();
	}

	JsonNode json(String path, String user) throws Exception {
		String body = mvc.perform(get(path).with(httpBasic(user, "fengqiao-demo")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonMapper.builder().build().readTree(body);
	}

	static Set<String> names(JsonNode object) {
		return new TreeSet<>(object.propertyNames());
	}

	static Set<String> set(String... names) {
		return new TreeSet<>(List.of(names));
	}

	/** The records give the JSON the maps gave: the same names, nulls included. */
	@Test
	void theDisputeViewKeepsItsShape() throws Exception {
		UUID id = jdbc.sql("""
				select d.id from dispute d where exists (select 1 from dispute_agreement a where a.dispute_id = d.id)
				and exists (select 1 from dispute_follow_up f where f.dispute_id = d.id)
				and exists (select 1 from dispute_session s where s.dispute_id = d.id)
				and exists (select 1 from dispute_mediator m where m.dispute_id = d.id and m.released_at is null)
				order by d.registered_at limit 1""").query(UUID.class).single();
		JsonNode view = json("/api/v1/disputes/" + id, "command");
		assertThat(names(view)).isEqualTo(set("id", "trackingCode", "source", "sourceRef", "type", "description",
				"amount", "peopleCount", "state", "rung", "bodyCode", "bodyName", "rungSince", "rungDue", "overdue",
				"riskColour", "criminalRisk", "petitionRisk", "villageCode", "townshipCode", "areaCode", "lon", "lat",
				"registeredAt", "registeredBy", "outcome", "referredTo", "mediationStartedAt", "agreedAt", "settledAt",
				"settledRung", "archivedAt", "parties", "mediators", "recusals", "sessions", "agreement", "followUps",
				"history", "riskRules"));
		assertThat(names(view.get("parties").get(0)))
			.isEqualTo(set("id", "side", "kind", "name", "idNumber", "phone", "villageCode", "address"));
		assertThat(names(view.get("mediators").get(0)))
			.isEqualTo(set("personId", "role", "assignedAt", "assignedBy", "name"));
		assertThat(view.get("mediators").get(0).get("name").asString()).isNotBlank();
		assertThat(names(view.get("sessions").get(0)))
			.isEqualTo(set("id", "roomCode", "roomName", "startsAt", "attendees", "minutes", "heldAt"));
		assertThat(names(view.get("agreement"))).isEqualTo(set("kind", "facts", "obligations", "performance",
				"performanceDue", "amount", "agreedOn", "confirmationDue", "confirmationAppliedOn", "confirmationCourt",
				"confirmationResult", "confirmationDecidedOn"));
		assertThat(names(view.get("followUps").get(0)))
			.isEqualTo(set("dueOn", "visitedAt", "visitor", "performed", "notes"));
		assertThat(names(view.get("history").get(0)))
			.isEqualTo(set("action", "actor", "at", "from", "to", "fromRung", "toRung", "bodyCode", "reason"));
		assertThat(view.get("state").asString()).matches("[A-Z]+");

		JsonNode rows = json("/api/v1/disputes?size=1", "command");
		assertThat(names(rows.get(0))).isEqualTo(set("id", "trackingCode", "type", "state", "rung", "riskColour",
				"criminalRisk", "description", "villageCode", "bodyCode", "registeredAt", "rungDue", "source"));

		JsonNode candidates = json("/api/v1/disputes/" + id + "/candidates", "command");
		assertThat(names(candidates.get(0)))
			.isEqualTo(set("personId", "name", "bodyCode", "thirdParty", "recused", "assigned"));
		JsonNode rooms = json("/api/v1/disputes/" + id + "/rooms", "command");
		assertThat(names(rooms.get(0))).isEqualTo(set("code", "name", "bodyCode", "areaCode"));
	}

	@Test
	void theTrackingViewOmitsTheNextSessionWhenThereIsNone() throws Exception {
		String code = jdbc.sql("""
				select d.tracking_code from dispute d
				where not exists (select 1 from dispute_session s where s.dispute_id = d.id and s.held_at is null)
				order by d.registered_at limit 1""").query(String.class).single();
		JsonNode tracking = json("/api/v1/public/disputes/" + code, "command");
		assertThat(names(tracking))
			.isEqualTo(set("trackingCode", "type", "state", "rung", "bodyName", "registeredAt", "steps"));
		assertThat(names(tracking.get("steps").get(0))).isEqualTo(set("action", "at", "state", "rung"));
	}

	@Test
	void theFiguresKeepTheirShape() throws Exception {
		JsonNode figures = json("/api/v1/disputes/figures", "command");
		Set<String> values = set("screened", "mediated", "underway", "settled", "successRate", "settledInVillageShare",
				"settledInTownShare", "agreementAmount", "civilToCriminalPrevented", "groupPetitionsPrevented");
		Set<String> report = new TreeSet<>(values);
		report
			.addAll(set("area", "from", "to", "bySource", "byType", "byRung", "byTownship", "byMonth", "previousYear"));
		assertThat(names(figures)).isEqualTo(report);
		assertThat(names(figures.get("civilToCriminalPrevented"))).isEqualTo(set("cases", "persons"));
		Set<String> previous = new TreeSet<>(values);
		previous.addAll(set("from", "to"));
		assertThat(names(figures.get("previousYear"))).isEqualTo(previous);
		Set<String> breakdown = new TreeSet<>(values);
		breakdown.add("key");
		assertThat(figures.get("bySource").isEmpty()).as("the demo data has disputes this year").isFalse();
		assertThat(names(figures.get("bySource").get(0))).isEqualTo(breakdown);
	}

}
