package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.mediation.MediationTests.PASSWORD;
import static org.fengqiao.mediation.MediationTests.agreement;
import static org.fengqiao.mediation.MediationTests.screening;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may act on a dispute, and the rules around sessions, parties, risk and outcomes.
 */
@FengqiaoIntegration
class MediationRulesTests {

	@Autowired
	java.time.Clock clock;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	String village() {
		return jdbc
			.sql("""
					select u.area_code from person_account a join person p on p.id = a.person_id join unit u on u.code = p.unit_code
					where a.username = 'mediator1'""")
			.query(String.class)
			.single();
	}

	JsonNode call(String path, String user, String body, ResultMatcher expected) throws Exception {
		var request = (body == null && path.startsWith("GET ") ? get(path.substring(4)) : post(path))
			.with(httpBasic(user, PASSWORD));
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		String response = mvc.perform(request).andExpect(expected).andReturn().getResponse().getContentAsString();
		return response.isEmpty() ? null : JsonMapper.builder().build().readTree(response);
	}

	String register(String user, String description) throws Exception {
		String v = village();
		return call("/api/v1/disputes", user, screening(v, description, v, v, ""), status().isCreated()).get("id")
			.asString();
	}

	long townMediator(String township) {
		return jdbc.sql("""
				select a.person_id from assignment a join person p on p.id = a.person_id
				where a.kind = 'MEDIATOR' and a.unit_code = ? and p.third_party is null order by a.person_id limit 1""")
			.param("TC-" + township)
			.query(Long.class)
			.single();
	}

	void holdSession(String base, String user) throws Exception {
		String room = call("GET " + base + "/rooms", user, null, status().isOk()).get(0).get("code").asString();
		long session = call(base + "/sessions", user,
				"{\"roomCode\":\"" + room + "\",\"startsAt\":\"" + clock.instant() + "\"}", status().isCreated())
			.get("sessionId")
			.asLong();
		call(base + "/sessions/" + session, user, "{\"attendees\":\"双方当事人\",\"minutes\":\"陈述与协商\"}", status().isOk());
	}

	@Autowired
	Disputes disputes;

	@Autowired
	org.fengqiao.platform.FieldCipher cipher;

	/**
	 * Rule M09 finds earlier disputes between the same parties by a keyed hash of their
	 * normalised names.
	 */
	@Test
	void earlierDisputesBetweenTheSamePartiesAreFoundThoughNamesAreSealed() throws Exception {
		String v = village();
		String[][] spellings = { { "欧阳测甲", "司马测乙" }, { "欧阳 测甲", "司马测乙 " }, { "欧阳测甲　", "司马　测乙" } };
		JsonNode last = null;
		for (String[] names : spellings) {
			last = call("/api/v1/disputes", "mediator1", """
					{"source":"SCREENING","type":"CONTRACT","villageCode":"%s","description":"货款结算有分歧","peopleCount":2,
					 "parties":[{"name":"%s","villageCode":"%s"},{"name":"%s","villageCode":"%s"}]}""".formatted(v,
					names[0], v, names[1], v), status().isCreated());
			if (names == spellings[0]) {
				assertThat(last.get("riskRules").toString()).doesNotContain("M09");
			}
		}
		assertThat(last.get("riskRules").toString()).contains("M09");
		assertThat(jdbc.sql("select count(*) from dispute_party where name_hash = ?")
			.param(Disputes.nameHash(cipher, "欧阳测甲"))
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	/**
	 * Parties stored in the clear before names were sealed are sealed at start, and keyed
	 * by the normalised name.
	 */
	@Test
	void partiesStoredInTheClearAreSealed() throws Exception {
		String id = register("command", "名字尚未加密的旧当事人");
		String v = village();
		jdbc.sql("""
				insert into dispute_party (dispute_id, side, kind, name, address, village_code, party_key)
				values (?::uuid, 'RESPONDENT', 'PERSON', '吴 老三', '靖边县某村3号', ?, 'legacy')""").params(id, v).update();
		assertThat(disputes.sealPlainParties(500)).isPositive();
		var row = jdbc.sql("""
				select name, address, name_key, name_sealed, name_hash, address_key, address_sealed, party_key
				from dispute_party where dispute_id = ?::uuid and side = 'RESPONDENT' and party_key <> 'legacy'
				order by id desc limit 1""")
			.param(id)
			.query((rs,
					n) -> new Object[] { rs.getString(1), rs.getString(2), cipher.open(rs.getString(3), rs.getBytes(4)),
							rs.getString(5), cipher.open(rs.getString(6), rs.getBytes(7)), rs.getString(8) })
			.single();
		assertThat(row[0]).isNull();
		assertThat(row[1]).isNull();
		assertThat(row[2]).isEqualTo("吴 老三");
		assertThat(row[3]).isEqualTo(Disputes.nameHash(cipher, "吴老三"));
		assertThat(row[4]).isEqualTo("靖边县某村3号");
		assertThat(row[5]).isEqualTo(Disputes.partyKey(cipher, null, "PERSON", "吴老三", v));
		assertThat(call("GET /api/v1/disputes/" + id, "command", null, status().isOk()).get("parties").toString())
			.contains("吴 老三", "靖边县某村3号");
	}

	/**
	 * The pages show the domain's refusals (a rule of the dispute, a state that does not
	 * allow the action, a permission) as a message in the reader's language, and stay on
	 * the dispute.
	 */
	@Test
	void thePagesShowRefusalsAsMessages() throws Exception {
		String id = register("command", "页面上的拒绝以提示显示");
		String page = "/disputes/" + id;
		java.util.function.BiFunction<String, String, Object> act = (action, user) -> {
			try {
				return mvc.perform(post(page + "/" + action).with(httpBasic(user, PASSWORD)).with(csrf()))
					.andExpect(status().is3xxRedirection())
					.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(page))
					.andReturn()
					.getFlashMap()
					.get("error");
			}
			catch (Exception e) {
				throw new AssertionError(e);
			}
		};
		// Not mediating yet: the state machine refuses.
		assertThat(act.apply("archive", "command")).asString().isIn("当前状态下不能进行此操作", "Not allowed in the current state");
		// Not (yet) the case's mediator: refused.
		assertThat(act.apply("withdraw", "mediator1")).asString()
			.isIn("只有本案调解员可以办理", "Only the dispute's mediators may do this");
		call("/api/v1/disputes/" + id + "/mediators", "mediator1", null, status().isOk());
		// Mediating, but no session held: the dispute refuses the agreement.
		String agree = "kind=ORAL&facts=f&obligations=o&performance=p";
		Object noSession = mvc
			.perform(post(page + "/agree?" + agree).with(httpBasic("mediator1", PASSWORD)).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getFlashMap()
			.get("error");
		assertThat(noSession).asString()
			.isIn("至少召开并记录一次调解后才能达成协议", "An agreement needs at least one session held and recorded");
		assertThat(call("GET /api/v1/disputes/" + id, "command", null, status().isOk()).get("state").asString())
			.isEqualTo("MEDIATING");
	}

	@Test
	void onlyTheCasesMediatorsActOnIt() throws Exception {
		String id = register("command", "只有本案调解员可以办理的纠纷");
		String base = "/api/v1/disputes/" + id;
		// Not yet on the case: mediator1 may take it (the village centre's case) but not
		// close it.
		call(base + "/withdrawal", "mediator1", "{}", status().isForbidden());
		call(base + "/mediators", "mediator1", null, status().isOk());
		holdSession(base, "mediator1");
		// Up to the town: mediator1 is released and can no longer act on it; the town's
		// staff can.
		call(base + "/failure", "mediator1", "{\"escalate\":true,\"reason\":\"村级调解不成\"}", status().isOk());
		JsonNode refused = call(base + "/failure", "mediator1", "{\"escalate\":true,\"reason\":\"再上交\"}",
				status().isForbidden());
		assertThat(refused.get("type").asString()).endsWith("/not-your-case");
		call(base + "/mediators", "mediator1", null, status().isForbidden());
		call(base + "/mediators", "ningtiaoliang", "{\"personId\":" + townMediator(village().substring(0, 9)) + "}",
				status().isOk());
		// The village session does not count for the town's agreement.
		JsonNode noSession = call(base + "/agreement", "ningtiaoliang", agreement("WRITTEN"), status().isConflict());
		assertThat(noSession.get("type").asString()).endsWith("/no-session");
		JsonNode history = call("GET " + base, "command", null, status().isOk()).get("history");
		assertThat(history.valueStream().map(h -> h.get("action").asString())).contains("register", "assign",
				"fail-escalate");
	}

	@Test
	void sessionsOfALowerRungAreCalledOffWhenTheDisputeClimbs() throws Exception {
		String id = register("mediator1", "村级已安排调解但未召开");
		String base = "/api/v1/disputes/" + id;
		call(base + "/mediators", "mediator1", null, status().isOk());
		holdSession(base, "mediator1");
		String room = call("GET " + base + "/rooms", "mediator1", null, status().isOk()).get(0).get("code").asString();
		call(base + "/sessions", "mediator1",
				"{\"roomCode\":\"" + room + "\",\"startsAt\":\"" + clock.instant().plusSeconds(86400) + "\"}",
				status().isCreated());
		JsonNode climbed = call(base + "/failure", "mediator1", "{\"escalate\":true,\"reason\":\"分歧大\"}",
				status().isOk());
		assertThat(climbed.get("sessions")).hasSize(1);
		assertThat(climbed.get("sessions").get(0).get("heldAt").isNull()).isFalse();
		assertThat(climbed.get("history").valueStream().map(h -> h.get("action").asString()))
			.contains("session-scheduled", "session-held");
	}

	@Test
	void aRiskChangeKeepsTheFlagUnlessItIsSaid() throws Exception {
		String id = register("command", "邻居扬言要动手");
		String base = "/api/v1/disputes/" + id;
		JsonNode before = call("GET " + base, "command", null, status().isOk());
		assertThat(before.get("criminalRisk").asBoolean()).isTrue();
		JsonNode red = call(base + "/risk", "command", "{\"colour\":\"RED\",\"reason\":\"矛盾激化\"}", status().isOk());
		assertThat(red.get("criminalRisk").asBoolean()).isTrue();
		assertThat(red.get("rung").asString()).as("red goes to the town").isEqualTo("TOWN_COMMITTEE");
		JsonNode cleared = call(base + "/risk", "command",
				"{\"colour\":\"RED\",\"criminalRisk\":false,\"reason\":\"已化解冲突苗头\"}", status().isOk());
		assertThat(cleared.get("criminalRisk").asBoolean()).isFalse();
		call(base + "/risk", "command", "{\"colour\":\"PURPLE\",\"reason\":\"x\"}", status().isBadRequest());
		call(base + "/risk", "command", "{\"colour\":\"RED\"}", status().isBadRequest());
	}

	@Test
	void theScreeningFormKeepsTheProposedFlag() throws Exception {
		String v = village();
		mvc.perform(post("/disputes/new").with(csrf())
			.with(httpBasic("mediator1", PASSWORD))
			.param("source", "SCREENING")
			.param("type", "NEIGHBOURS")
			.param("description", "对方扬言要拿刀报复 表单民转刑")
			.param("villageCode", v)
			.param("party0.name", "甲方")
			.param("party1.name", "乙方")
			.param("riskColour", "")
			.param("criminalRisk", "")).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select criminal_risk from dispute where description = '对方扬言要拿刀报复 表单民转刑'")
			.query(Boolean.class)
			.single()).isTrue();
		// Only screening and referrals are registered on this form.
		int before = jdbc.sql("select count(*) from dispute").query(Integer.class).single();
		mvc.perform(post("/disputes/new").with(csrf())
			.with(httpBasic("mediator1", PASSWORD))
			.param("source", "WHISTLE")
			.param("sourceRef", "00000000-0000-0000-0000-000000000001")
			.param("type", "NEIGHBOURS")
			.param("description", "x")
			.param("villageCode", v)
			.param("party0.name", "甲")
			.param("party1.name", "乙")).andExpect(status().isOk());
		mvc.perform(post("/disputes/new").with(csrf())
			.with(httpBasic("mediator1", PASSWORD))
			.param("type", "NEIGHBOURS")
			.param("description", "x")
			.param("villageCode", v)
			.param("amount", "abc")
			.param("party0.name", "甲")
			.param("party1.name", "乙")).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from dispute").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void anAgreementThatIsNotPerformedCanBeTerminated() throws Exception {
		String id = register("mediator1", "协议未履行的纠纷");
		String base = "/api/v1/disputes/" + id;
		call(base + "/mediators", "mediator1", null, status().isOk());
		holdSession(base, "mediator1");
		call(base + "/agreement", "mediator1", agreement("ORAL"), status().isOk());
		call(base + "/follow-ups", "mediator1", "{\"performed\":false,\"notes\":\"对方拒不履行\"}", status().isOk());
		JsonNode ended = call(base + "/failure", "mediator1", "{\"escalate\":false,\"reason\":\"拒不履行，告知可诉讼\"}",
				status().isOk());
		assertThat(ended.get("state").asString()).isEqualTo("TERMINATED");
		call(base + "/archive", "mediator1", null, status().isOk());
	}

	@Test
	void aWhistleDisputeGetsItsPartiesBeforeAWrittenAgreement() throws Exception {
		// As a whistle's dispute arrives: no parties.
		String id = register("command", "吹哨转来的纠纷，当事人待补充");
		jdbc.sql("delete from dispute_party where dispute_id = ?::uuid").param(id).update();
		String base = "/api/v1/disputes/" + id;
		call(base + "/mediators", "mediator1", null, status().isOk());
		holdSession(base, "mediator1");
		JsonNode noParties = call(base + "/agreement", "mediator1", agreement("WRITTEN"), status().isConflict());
		assertThat(noParties.get("type").asString()).endsWith("/missing-parties");
		call(base + "/parties", "mediator1", "{\"side\":\"APPLICANT\",\"name\":\"孙立\"}", status().isOk());
		call(base + "/parties", "mediator1", "[null]", status().isBadRequest());
		call(base + "/parties", "mediator1",
				"{\"side\":\"RESPONDENT\",\"name\":\"周强\",\"idNumber\":\"610824199001011234\"}",
				status().isBadRequest());
		JsonNode two = call(base + "/parties", "mediator1", "{\"side\":\"RESPONDENT\",\"name\":\"周强\"}",
				status().isOk());
		assertThat(two.get("parties")).hasSize(2);
		call(base + "/agreement", "mediator1", agreement("WRITTEN").replace("3000", "99999999999999"),
				status().isBadRequest());
		call(base + "/agreement", "mediator1", agreement("WRITTEN"), status().isOk());
	}

	@Test
	void badRequestsAreAnsweredWithProblemsNotErrors() throws Exception {
		String v = village();
		call("/api/v1/disputes", "mediator1", "{\"type\":\"NEIGHBOURS\",\"villageCode\":\"" + v
				+ "\",\"description\":\"x\",\"parties\":[null,{\"name\":\"乙\"}]}", status().isBadRequest());
		call("GET /api/v1/disputes?page=50000000&size=500", "mediator1", null, status().isBadRequest());
		call("/api/v1/disputes", "mediator1", "{\"type\":", status().isBadRequest());
		call("GET /api/v1/disputes/not-a-uuid", "mediator1", null, status().isBadRequest());
	}

	@Test
	void aDuplicateReferralDoesNotRevealADisputeOutsideTheCallersArea() throws Exception {
		String v = village();
		String other = jdbc.sql("select code from division where level = 'VILLAGE' and parent_code <> ? limit 1")
			.param(v.substring(0, 9))
			.query(String.class)
			.single();
		String reference = "(2026)陕0824民调" + System.nanoTime();
		String body = screening(other, "诉前委派调解", other, other, "").replace("\"SCREENING\"", "\"COURT\"")
			.replace("\"type\":\"NEIGHBOURS\"", "\"type\":\"CONTRACT\",\"sourceRef\":\"" + reference + "\"");
		call("/api/v1/disputes", "command", body, status().isCreated());
		JsonNode again = call("/api/v1/disputes", "mediator1", body.replace(other, v), status().isConflict());
		assertThat(again.has("existing")).isFalse();
	}

	@Test
	void courtDelegatedMediationIsExtendedOnceByThirtyDays() throws Exception {
		String v = village();
		String body = screening(v, "法院委派的买卖合同纠纷", v, v, "").replace("\"SCREENING\"", "\"COURT\"")
			.replace("\"type\":\"NEIGHBOURS\"",
					"\"type\":\"CONTRACT\",\"sourceRef\":\"(2026)陕0824民诉前" + System.nanoTime() + "\"");
		JsonNode d = call("/api/v1/disputes", "command", body, status().isCreated());
		String base = "/api/v1/disputes/" + d.get("id").asString();
		Instant due = Instant.parse(d.get("rungDue").asString());
		JsonNode extended = call(base + "/extension", "command", "{\"reason\":\"法院同意延长\"}", status().isOk());
		assertThat(Instant.parse(extended.get("rungDue").asString())).isEqualTo(due.plusSeconds(30L * 86400));
		call(base + "/extension", "command", "{\"reason\":\"再延长\"}", status().isConflict());
		String screened = register("command", "排查发现的纠纷不能延期");
		call("/api/v1/disputes/" + screened + "/extension", "command", "{\"reason\":\"x\"}", status().isConflict());
	}

	@Test
	void mediatorsFindTheirCasesAndWhatIsDue() throws Exception {
		String id = register("mediator1", "我的案件筛选测试");
		call("/api/v1/disputes/" + id + "/mediators", "mediator1", null, status().isOk());
		JsonNode mine = call("GET /api/v1/disputes?mine=true&size=500", "mediator1", null, status().isOk());
		assertThat(mine.valueStream().map(r -> r.get("id").asString())).contains(id);
		long me = jdbc.sql("select person_id from person_account where username = 'mediator1'")
			.query(Long.class)
			.single();
		for (JsonNode row : mine) {
			assertThat(jdbc.sql(
					"select count(*) from dispute_mediator where dispute_id = ?::uuid and person_id = ? and released_at is null")
				.params(row.get("id").asString(), me)
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
		jdbc.sql("update dispute set rung_due = ? where id = ?::uuid")
			.params(java.sql.Timestamp.from(clock.instant().minusSeconds(86_400)), id)
			.update();
		JsonNode overdue = call("GET /api/v1/disputes?overdue=true&size=500", "mediator1", null, status().isOk());
		assertThat(overdue.valueStream().map(r -> r.get("id").asString())).contains(id);
		jdbc.sql("update dispute set rung_due = ? where id = ?::uuid")
			.params(java.sql.Timestamp.from(clock.instant().plusSeconds(86_400L * 29)), id)
			.update();
		assertThat(call("GET /api/v1/disputes?overdue=true&size=500", "mediator1", null, status().isOk()).valueStream()
			.map(r -> r.get("id").asString())).doesNotContain(id);
		JsonNode due = call("GET /api/v1/disputes?followUpDue=true&size=500", "command", null, status().isOk());
		assertThat(due.valueStream().map(r -> r.get("state").asString())).containsOnly("AGREED");
	}

	@Test
	void aThirdPartyMediatorSeesTheTownTheyMediateFor() throws Exception {
		var lawyer = jdbc.sql("""
				select p.id, u.area_code from person p join assignment a on a.person_id = p.id and a.kind = 'MEDIATOR'
				join unit u on u.code = a.unit_code where p.third_party = 'LAWYER' order by p.id limit 1""")
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.single();
		String username = "lawyer" + System.nanoTime() % 100000;
		call("/api/v1/accounts", "security",
				"{\"username\":\"" + username + "\",\"displayName\":\"律师调解员\","
						+ "\"password\":\"Mediate-2026-ok\",\"roles\":[\"MEDIATOR\"],\"personId\":" + lawyer[0] + "}",
				status().isCreated());
		String town = (String) lawyer[1];
		var request = get("/api/v1/disputes").param("size", "500").with(httpBasic(username, "Mediate-2026-ok"));
		JsonNode seen = JsonMapper.builder()
			.build()
			.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(seen).isNotEmpty();
		// Their town's disputes, and the ones they mediate anywhere (third-party
		// mediators travel); not the county.
		for (JsonNode row : seen) {
			boolean inTown = row.get("villageCode").asString().startsWith(town);
			boolean onCase = jdbc
				.sql("select count(*) from dispute_mediator where dispute_id = ?::uuid and person_id = ?"
						+ " and released_at is null")
				.params(row.get("id").asString(), lawyer[0])
				.query(Integer.class)
				.single() > 0;
			assertThat(inTown || onCase).as(row.toString()).isTrue();
		}
		long county = jdbc.sql("select count(*) from dispute").query(Long.class).single();
		assertThat((long) seen.size()).isLessThan(Math.min(500, county));
	}

	@Test
	void theExportDefusesSpreadsheetFormulas() throws Exception {
		String v = village();
		call("/api/v1/disputes", "mediator1", screening(v, "=HYPERLINK(\\\"http://x\\\")公式", v, v, ""),
				status().isCreated());
		String csv = mvc
			.perform(get("/api/v1/disputes/export.csv").param("q", "公式").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
	}

}
