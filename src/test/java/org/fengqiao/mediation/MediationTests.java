package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.fengqiao.FengqiaoIntegration;
import org.fengqiao.geo.GridDirectory;
import org.fengqiao.platform.PersonalData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mediation journeys through the API: screening with risk rules and overrides, the
 * other sources, the ladder, the mediation work up to settlement and archive, and the
 * refusals the issue asks for.
 */
@FengqiaoIntegration
class MediationTests {

	@Autowired
	java.time.Clock clock;

	static final String PASSWORD = "fengqiao-demo";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger(
			100);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GridDirectory directory;

	@Autowired
	OverdueDisputes overdue;

	/** A valid resident ID number for a birth date and sequence. */
	static String idNumber(String birth, int seq) {
		return PersonalData.idNumber("610824",
				LocalDate.parse(birth, java.time.format.DateTimeFormatter.BASIC_ISO_DATE), seq);
	}

	String mediatorVillage() {
		return jdbc
			.sql("""
					select u.area_code from person_account a join person p on p.id = a.person_id join unit u on u.code = p.unit_code
					where a.username = 'mediator1'""")
			.query(String.class)
			.single();
	}

	long personOf(String username) {
		return jdbc.sql("select person_id from person_account where username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

	String otherVillage(String township, String not) {
		return directory.divisions()
			.stream()
			.filter(d -> d.level().equals("VILLAGE") && d.parentCode().equals(township) && !d.code().equals(not))
			.findFirst()
			.orElseThrow()
			.code();
	}

	JsonNode call(String method, String path, String user, String body, ResultMatcher expected) throws Exception {
		var request = (method.equals("GET") ? get(path) : post(path)).with(httpBasic(user, PASSWORD));
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		String response = mvc.perform(request).andExpect(expected).andReturn().getResponse().getContentAsString();
		return response.isEmpty() ? null : JSON.readTree(response);
	}

	static String screening(String villageCode, String description, String partyVillageA, String partyVillageB,
			String extra) {
		return """
				{"source":"SCREENING","type":"NEIGHBOURS","villageCode":"%s","description":"%s","amount":3000,"peopleCount":2,
				 "parties":[{"name":"张建国","idNumber":"%s","phone":"13800001111","villageCode":"%s"},
				            {"name":"李秀兰","villageCode":"%s"}]%s}"""
			.formatted(villageCode, description, idNumber("19700101", SEQUENCE.incrementAndGet()), partyVillageA,
					partyVillageB, extra);
	}

	int disputeCount() {
		return jdbc.sql("select count(*) from dispute").query(Integer.class).single();
	}

	// --- screening and risk
	// -----------------------------------------------------------------------------------

	@Test
	void screeningProposesRiskAndStartsAtTheVillageCentre() throws Exception {
		String village = mediatorVillage();
		JsonNode d = call("POST", "/api/v1/disputes", "mediator1",
				screening(village, "两家因院墙边界争吵，一方扬言要动手", village, village, ""), status().isCreated());
		assertThat(d.get("state").asString()).isEqualTo("REGISTERED");
		assertThat(d.get("rung").asString()).isEqualTo("VILLAGE_CENTRE");
		assertThat(d.get("bodyCode").asString()).isEqualTo("VM-" + village);
		// Rule M07 (threat words) proposes orange with the civil-to-criminal flag; M01
		// makes a neighbours' dispute yellow.
		assertThat(d.get("riskColour").asString()).isEqualTo("ORANGE");
		assertThat(d.get("criminalRisk").asBoolean()).isTrue();
		assertThat(d.get("riskRules").toString()).contains("M01", "M07");
		assertThat(d.get("petitionRisk").asBoolean()).isFalse();
		JsonNode petition = call("POST", "/api/v1/disputes", "mediator1",
				screening(village, "村民扬言要去县里拉横幅讨说法", village, village, ""), status().isCreated());
		assertThat(petition.get("petitionRisk").asBoolean()).isTrue();
		assertThat(petition.get("riskRules").toString()).contains("M10");
		assertThat(d.get("trackingCode").asString()).hasSize(12);
		// Personal data stays masked in the answer and sealed at rest.
		assertThat(d.get("parties").get(0).get("idNumber").asString()).contains("*");
		assertThat(d.get("parties").get(0).get("phone").asString()).isEqualTo("138****1111");
		// Names and addresses too: sealed, nothing in the clear; found by the whole name
		// through its keyed hash, and
		// opened in the case file for those who may see it.
		assertThat(jdbc.sql("""
				select count(*) from dispute_party where dispute_id = ?::uuid and name is null and address is null
				  and name_sealed is not null and name_hash = ? and id_number_sealed is not null""")
			.params(d.get("id").asString(), Disputes.nameHash(cipher, "张建国"))
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from dispute_party where name is not null or address is not null")
			.query(Integer.class)
			.single()).isZero();
		assertThat(d.get("parties").get(0).get("name").asString()).isEqualTo("张建国");
		assertThat(call("GET", "/api/v1/disputes/" + d.get("id").asString(), "mediator1", null, status().isOk())
			.get("parties")
			.get(1)
			.get("name")
			.asString()).isEqualTo("李秀兰");
		assertThat(call("GET", "/api/v1/disputes?size=200&q=李秀兰", "mediator1", null, status().isOk())
			.findValuesAsString("id")).contains(d.get("id").asString());
		assertThat(Instant.parse(d.get("rungDue").asString()))
			.isEqualTo(Instant.parse(d.get("rungSince").asString()).plusSeconds(30L * 86400));

		// An override needs a reason, and is kept with it.
		int before = disputeCount();
		call("POST", "/api/v1/disputes", "mediator1",
				screening(village, "邻里争吵", village, village, ",\"riskColour\":\"BLUE\""), status().isBadRequest());
		assertThat(disputeCount()).isEqualTo(before);
		JsonNode overridden = call("POST", "/api/v1/disputes", "mediator1", screening(village, "邻里争吵", village, village,
				",\"riskColour\":\"BLUE\",\"overrideReason\":\"双方已和好，仅需跟踪\""), status().isCreated());
		assertThat(overridden.get("riskColour").asString()).isEqualTo("BLUE");
		assertThat(jdbc.sql("select risk_proposed || '/' || risk_override_reason from dispute where id = ?::uuid")
			.param(overridden.get("id").asString())
			.query(String.class)
			.single()).isEqualTo("YELLOW/双方已和好，仅需跟踪");
	}

	@Test
	void theLadderPlacesRedAndCrossVillageDisputesHigher() throws Exception {
		String village = mediatorVillage();
		String township = village.substring(0, 9);
		String neighbour = otherVillage(township, village);
		String elsewhere = directory.divisions()
			.stream()
			.filter(x -> x.level().equals("VILLAGE") && !x.parentCode().equals(township))
			.findFirst()
			.orElseThrow()
			.code();

		JsonNode red = call("POST", "/api/v1/disputes", "command",
				screening(village, "对方扬言要拿刀报复", village, village, ""), status().isCreated());
		assertThat(red.get("riskColour").asString()).isEqualTo("RED");
		assertThat(red.get("rung").asString()).isEqualTo("TOWN_COMMITTEE");
		assertThat(red.get("bodyCode").asString()).isEqualTo("TC-" + township);

		JsonNode acrossVillages = call("POST", "/api/v1/disputes", "command",
				screening(village, "两村村民地界争议", village, neighbour, ""), status().isCreated());
		assertThat(acrossVillages.get("rung").asString()).isEqualTo("TOWN_COMMITTEE");

		JsonNode acrossTowns = call("POST", "/api/v1/disputes", "command",
				screening(village, "两镇村民草场争议", village, elsewhere, ""), status().isCreated());
		assertThat(acrossTowns.get("rung").asString()).isEqualTo("COUNTY");
		assertThat(acrossTowns.get("bodyCode").asString()).isEqualTo("CO-610824-MTZX");
		assertThat(acrossTowns.get("history").get(0).get("reason").asString()).contains("跨乡镇");
	}

	@Test
	void aDisputeClimbsWhenMediationFailsAndWhenItsTimeLimitPasses() throws Exception {
		String village = mediatorVillage();
		String township = village.substring(0, 9);
		JsonNode d = call("POST", "/api/v1/disputes", "mediator1", screening(village, "土地承包纠纷", village, village, ""),
				status().isCreated());
		String id = d.get("id").asString();
		call("POST", "/api/v1/disputes/" + id + "/mediators", "mediator1", null, status().isOk());
		// The village centre fails: the dispute goes to the town committee and waits for
		// its mediators.
		JsonNode failed = call("POST", "/api/v1/disputes/" + id + "/failure", "mediator1",
				"{\"escalate\":true,\"reason\":\"双方分歧大，村级无法调处\"}", status().isOk());
		assertThat(failed.get("rung").asString()).isEqualTo("TOWN_COMMITTEE");
		assertThat(failed.get("state").asString()).isEqualTo("REGISTERED");
		assertThat(failed.get("mediators")).isEmpty();

		// Thirty days pass at the town: the ladder clock sends it to the county.
		jdbc.sql("update dispute set rung_due = ? where id = ?::uuid")
			.params(java.sql.Timestamp.from(clock.instant().minusSeconds(60)), id)
			.update();
		overdue.escalateOverdue(1000);
		JsonNode climbed = call("GET", "/api/v1/disputes/" + id, "command", null, status().isOk());
		assertThat(climbed.get("rung").asString()).isEqualTo("COUNTY");
		List<String> rungs = climbed.get("history").valueStream().map(h -> h.get("toRung").asString()).toList();
		assertThat(rungs).containsSubsequence("VILLAGE_CENTRE", "TOWN_COMMITTEE", "COUNTY");
		assertThat(climbed.get("history").valueStream().map(h -> h.get("actor").asString())).contains("system");
		assertThat(township).hasSize(9);

		// The county may refer it out; the history keeps every move.
		JsonNode referred = call("POST", "/api/v1/disputes/" + id + "/referral", "command",
				"{\"target\":\"COURT\",\"reason\":\"引导当事人诉讼\"}", status().isOk());
		assertThat(referred.get("state").asString()).isEqualTo("REFERRED");
		assertThat(referred.get("referredTo").asString()).isEqualTo("COURT");
	}

	// --- other sources
	// ----------------------------------------------------------------------------------------

	@Test
	void courtAndPoliceReferralsCarryTheirReferenceOnce() throws Exception {
		String village = mediatorVillage();
		String body = screening(village, "法院委派调解的借款纠纷", village, village, "").replace("\"SCREENING\"", "\"COURT\"")
			.replace("\"type\":\"NEIGHBOURS\"", "\"type\":\"CONTRACT\",\"sourceRef\":\"(2026)陕0824民诉前调123号\"");
		JsonNode d = call("POST", "/api/v1/disputes", "command", body, status().isCreated());
		assertThat(d.get("source").asString()).isEqualTo("COURT");
		assertThat(d.get("sourceRef").asString()).isEqualTo("(2026)陕0824民诉前调123号");
		JsonNode again = call("POST", "/api/v1/disputes", "command", body, status().isConflict());
		assertThat(again.get("type").asString()).endsWith("/duplicate-referral");
		assertThat(again.get("existing").asString()).isEqualTo(d.get("id").asString());
		// A police referral without its reference is refused.
		call("POST", "/api/v1/disputes", "command",
				screening(village, "警情转调解", village, village, "").replace("\"SCREENING\"", "\"POLICE\""),
				status().isBadRequest());
	}

	@Test
	void aResidentAppliesAndFollowsTheCaseWithTheTrackingCode() throws Exception {
		String village = mediatorVillage();
		String response = mvc
			.perform(post("/api/v1/public/disputes").contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"type":"MARRIAGE_FAMILY","applicantName":"王桂芳","applicantPhone":"13900002222","respondentName":"王建军",
								 "villageCode":"%s","description":"兄弟之间赡养老人的费用分担有争议"}"""
							.formatted(village)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode applied = JSON.readTree(response);
		String code = applied.get("trackingCode").asString();
		assertThat(applied.get("state").asString()).isEqualTo("REGISTERED");
		assertThat(response).doesNotContain("王桂芳", "13900002222", "\"id\"");
		mvc.perform(get("/api/v1/public/disputes/" + code))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rung").value("VILLAGE_CENTRE"));
		mvc.perform(get("/api/v1/public/disputes/NOSUCHCODE12")).andExpect(status().isNotFound());
		// The village mediator sees it in the list.
		JsonNode list = call("GET", "/api/v1/disputes?q=" + code, "mediator1", null, status().isOk());
		assertThat(list).hasSize(1);
		// The public page shows it too.
		String page = mvc.perform(get("/mediate/track").param("code", code))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(code);
		// Bad applications: no phone, bad phone.
		mvc.perform(post("/api/v1/public/disputes").contentType(MediaType.APPLICATION_JSON)
			.content("{\"type\":\"NEIGHBOURS\",\"applicantName\":\"甲\",\"respondentName\":\"乙\",\"villageCode\":\""
					+ village + "\",\"description\":\"x\"}"))
			.andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/public/disputes").contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"type\":\"NEIGHBOURS\",\"applicantName\":\"甲\",\"applicantPhone\":\"12345\",\"respondentName\":\"乙\",\"villageCode\":\""
							+ village + "\",\"description\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/invalid-phone"));
	}

	// --- the mediation work
	// -----------------------------------------------------------------------------------

	@Test
	void fromSessionToAgreementFollowUpAndArchive() throws Exception {
		String village = mediatorVillage();
		JsonNode d = call("POST", "/api/v1/disputes", "mediator1",
				screening(village, "邻居装修损坏墙体，赔偿有争议", village, village, ""), status().isCreated());
		String id = d.get("id").asString();
		String base = "/api/v1/disputes/" + id;

		// No agreement before mediation starts, nor before a session is held.
		call("POST", base + "/agreement", "mediator1", agreement("WRITTEN"), status().isForbidden());
		JsonNode early = call("POST", base + "/agreement", "command", agreement("WRITTEN"), status().isConflict());
		assertThat(early.get("state").asString()).isEqualTo("REGISTERED");
		JsonNode assigned = call("POST", base + "/mediators", "mediator1", null, status().isOk());
		assertThat(assigned.get("state").asString()).isEqualTo("MEDIATING");
		assertThat(assigned.get("mediators").get(0).get("role").asString()).isEqualTo("LEAD");
		JsonNode noSession = call("POST", base + "/agreement", "mediator1", agreement("WRITTEN"),
				status().isConflict());
		assertThat(noSession.get("type").asString()).endsWith("/no-session");

		// A third-party lawyer joins from the pool.
		long lawyer = jdbc.sql("select id from person where third_party = 'LAWYER' order by id limit 1")
			.query(Long.class)
			.single();
		JsonNode withLawyer = call("POST", base + "/mediators", "mediator1", "{\"personId\":" + lawyer + "}",
				status().isOk());
		assertThat(withLawyer.get("mediators").valueStream().map(m -> m.get("role").asString()))
			.contains("THIRD_PARTY");

		// A session in a named room, then its minutes.
		JsonNode rooms = call("GET", base + "/rooms", "mediator1", null, status().isOk());
		String room = rooms.get(0).get("code").asString();
		JsonNode scheduled = call("POST", base + "/sessions", "mediator1",
				"{\"roomCode\":\"" + room + "\",\"startsAt\":\"" + clock.instant().plusSeconds(3600) + "\"}",
				status().isCreated());
		long session = scheduled.get("sessionId").asLong();
		call("POST", base + "/sessions", "mediator1",
				"{\"roomCode\":\"NO-SUCH-ROOM\",\"startsAt\":\"" + clock.instant() + "\"}",
				status().isUnprocessableEntity());
		call("POST", base + "/sessions/" + session, "mediator1",
				"{\"attendees\":\"张建国、李秀兰、调解员\",\"minutes\":\"双方陈述事实，经释法说理，李秀兰同意赔偿\"}", status().isOk());

		JsonNode agreed = call("POST", base + "/agreement", "mediator1", agreement("WRITTEN"), status().isOk());
		assertThat(agreed.get("state").asString()).isEqualTo("AGREED");
		LocalDate today = LocalDate.now(clock);
		assertThat(agreed.get("agreement").get("confirmationDue").asString()).isEqualTo(today.plusDays(30).toString());
		assertThat(agreed.get("followUps")).hasSize(1);

		// The agreement as a PDF.
		var pdf = mvc.perform(get(base + "/agreement.pdf").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(pdf.getContentType()).isEqualTo("application/pdf");
		assertThat(new String(pdf.getContentAsByteArray(), 0, 5)).isEqualTo("%PDF-");
		String text = DocumentsTests.text(pdf.getContentAsByteArray());
		assertThat(text).contains("人民调解协议书", "张建国", "李秀兰赔偿张建国修墙费用人民币叁仟元整", "一次性现金支付", "司法确认",
				d.get("trackingCode").asString());
		assertThat(text).doesNotContain("13800001111");
		// The copy to sign carries the numbers in full, for the case's mediator, and
		// leaves an audit entry.
		long printsBefore = jdbc
			.sql("select count(*) from audit_entry where action = 'dispute.agreement-printed' and record_id = ?")
			.param(id)
			.query(Long.class)
			.single();
		byte[] signed = mvc
			.perform(get(base + "/agreement.pdf").param("full", "true").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(DocumentsTests.text(signed)).contains("13800001111");
		assertThat(jdbc
			.sql("select count(*) from audit_entry where action = 'dispute.agreement-printed' and record_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(printsBefore + 1);
		mvc.perform(get(base + "/agreement.pdf").param("full", "true").with(httpBasic("officer1", PASSWORD)))
			.andExpect(status().is4xxClientError());

		// Judicial confirmation: within the 30 days only.
		call("POST", base + "/confirmation", "mediator1",
				"{\"on\":\"" + today.minusDays(1) + "\",\"court\":\"靖边县人民法院\"}", status().isConflict());
		call("POST", base + "/confirmation", "mediator1", "{\"on\":\"" + today + "\",\"court\":\"靖边县人民法院\"}",
				status().isOk());
		JsonNode confirmed = call("POST", base + "/confirmation/result", "mediator1", "{\"result\":\"CONFIRMED\"}",
				status().isOk());
		assertThat(confirmed.get("agreement").get("confirmationResult").asString()).isEqualTo("CONFIRMED");

		// An agreed case is not yet a success: it counts once a follow-up finds it
		// performed.
		assertThat(confirmed.get("settledAt").isNull()).isTrue();
		JsonNode notYet = call("POST", base + "/follow-ups", "mediator1", "{\"performed\":false,\"notes\":\"赔偿款尚未支付\"}",
				status().isOk());
		assertThat(notYet.get("state").asString()).isEqualTo("AGREED");
		assertThat(notYet.get("followUps")).hasSize(2);
		JsonNode settled = call("POST", base + "/follow-ups", "mediator1",
				"{\"performed\":true,\"notes\":\"已按协议赔偿，双方满意\"}", status().isOk());
		assertThat(settled.get("state").asString()).isEqualTo("SETTLED");
		assertThat(settled.get("settledRung").asString()).isEqualTo("VILLAGE_CENTRE");

		JsonNode archived = call("POST", base + "/archive", "mediator1", null, status().isOk());
		assertThat(archived.get("state").asString()).isEqualTo("ARCHIVED");
		var zip = mvc.perform(get(base + "/archive.zip").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(zip.getContentAsByteArray()).startsWith((byte) 'P', (byte) 'K');
		var archivePdf = mvc.perform(get(base + "/archive.pdf").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(DocumentsTests.text(archivePdf)).contains("人民调解卷宗", "双方陈述事实", "已按协议赔偿", "归档");
		// Nothing more happens to an archived case.
		JsonNode illegal = call("POST", base + "/follow-ups", "mediator1", "{\"performed\":true,\"notes\":\"x\"}",
				status().isConflict());
		assertThat(illegal.get("state").asString()).isEqualTo("ARCHIVED");
		assertThat(illegal.get("type").asString()).endsWith("/illegal-transition");
	}

	static String agreement(String kind) {
		return """
				{"kind":"%s","facts":"李秀兰装修时损坏张建国家院墙，双方就赔偿数额发生争议",
				 "obligations":"李秀兰赔偿张建国修墙费用人民币叁仟元整","performance":"一次性现金支付","amount":3000}""".formatted(kind);
	}

	@Test
	void aRecusedMediatorCannotBeAssigned() throws Exception {
		String village = mediatorVillage();
		JsonNode d = call("POST", "/api/v1/disputes", "mediator1", screening(village, "婚姻家庭纠纷", village, village, ""),
				status().isCreated());
		String base = "/api/v1/disputes/" + d.get("id").asString();
		long me = personOf("mediator1");
		call("POST", base + "/recusals", "mediator1", "{\"personId\":" + me + ",\"reason\":\"调解员系当事人表亲\"}",
				status().isOk());
		JsonNode refused = call("POST", base + "/mediators", "command", "{\"personId\":" + me + "}",
				status().isConflict());
		assertThat(refused.get("type").asString()).endsWith("/recused");
		// Nor may the recused mediator do anything on the case.
		call("POST", base + "/mediators", "mediator1", null, status().isForbidden());
		JsonNode candidates = call("GET", base + "/candidates", "mediator1", null, status().isOk());
		assertThat(candidates.valueStream()
			.filter(c -> c.get("personId").asLong() == me)
			.findFirst()
			.orElseThrow()
			.get("recused")
			.asBoolean()).isTrue();
		// A mediator of another body cannot take it either.
		long townMediator = jdbc.sql("""
				select a.person_id from assignment a join person p on p.id = a.person_id
				where a.kind = 'MEDIATOR' and a.unit_code like 'TC-%' and p.third_party is null limit 1""")
			.query(Long.class)
			.single();
		call("POST", base + "/mediators", "command", "{\"personId\":" + townMediator + "}",
				status().isUnprocessableEntity());
	}

	@Autowired
	org.fengqiao.platform.FieldCipher cipher;

	@Test
	void aMediatorWhoIsAPartyIsRecusedBySystem() throws Exception {
		String village = mediatorVillage();
		long me = personOf("mediator1");
		String myId = jdbc.sql("select id_number_key, id_number_sealed from person where id = ?")
			.param(me)
			.query((rs, n) -> cipher.open(rs.getString(1), rs.getBytes(2)))
			.single();
		JsonNode d = call("POST", "/api/v1/disputes", "command", screening(village, "调解员本人与邻居的纠纷", village, village, "")
			.replaceFirst("\"idNumber\":\"[0-9X]+\"", "\"idNumber\":\"" + myId + "\""), status().isCreated());
		String base = "/api/v1/disputes/" + d.get("id").asString();
		JsonNode refused = call("POST", base + "/mediators", "mediator1", null, status().isConflict());
		assertThat(refused.get("type").asString()).endsWith("/recused");
		JsonNode after = call("GET", base, "command", null, status().isOk());
		assertThat(after.get("recusals").get(0).get("personId").asLong()).isEqualTo(me);
		assertThat(after.get("state").asString()).isEqualTo("REGISTERED");
	}

	@Test
	void badPartiesAreRefusedAndNothingIsWritten() throws Exception {
		String village = mediatorVillage();
		int before = disputeCount();
		String good = idNumber("19800202", 17);
		char wrong = good.charAt(17) == '1' ? '2' : '1';
		String bad = good.substring(0, 17) + wrong;
		JsonNode refused = call("POST", "/api/v1/disputes", "mediator1", screening(village, "x", village, village, "")
			.replaceFirst("\"idNumber\":\"[0-9X]+\"", "\"idNumber\":\"" + bad + "\""), status().isBadRequest());
		assertThat(refused.get("type").asString()).endsWith("/invalid-id-number");
		call("POST", "/api/v1/disputes", "mediator1",
				screening(village, "x", village, village, "").replace("NEIGHBOURS", "FEUD"), status().isBadRequest());
		call("POST", "/api/v1/disputes", "mediator1", screening(village, "", village, village, ""),
				status().isBadRequest());
		call("POST", "/api/v1/disputes", "mediator1", "{\"type\":\"NEIGHBOURS\",\"villageCode\":\"" + village
				+ "\",\"description\":\"只有一方\",\"parties\":[{\"name\":\"甲\"}]}", status().isBadRequest());
		call("POST", "/api/v1/disputes", "mediator1",
				"{\"type\":\"NEIGHBOURS\",\"lon\":100.0,\"lat\":30.0,\"description\":\"x\","
						+ "\"parties\":[{\"name\":\"甲\"},{\"name\":\"乙\"}]}",
				status().isUnprocessableEntity());
		assertThat(disputeCount()).isEqualTo(before);
	}

	@Test
	void townshipStaffNameTheirMediationRooms() throws Exception {
		String village = mediatorVillage();
		String code = "R-TEST-" + SEQUENCE.incrementAndGet();
		JsonNode room = call("POST", "/api/v1/mediation/rooms", "ningtiaoliang",
				"{\"code\":\"" + code + "\",\"name\":\"老赵说和室\",\"bodyCode\":\"VM-" + village + "\"}",
				status().isCreated());
		assertThat(room.get("areaCode").asString()).isEqualTo(village);
		assertThat(
				call("GET", "/api/v1/mediation/rooms?area=" + village, "mediator1", null, status().isOk()).toString())
			.contains("老赵说和室");
		call("POST", "/api/v1/mediation/rooms", "ningtiaoliang",
				"{\"code\":\"" + code + "\",\"name\":\"again\",\"bodyCode\":\"VM-" + village + "\"}",
				status().isConflict());
		call("POST", "/api/v1/mediation/rooms", "ningtiaoliang",
				"{\"code\":\"R-X1\",\"name\":\"x\",\"bodyCode\":\"VM-000\"}", status().isUnprocessableEntity());
		call("POST", "/api/v1/mediation/rooms", "ningtiaoliang",
				"{\"code\":\"a b\",\"name\":\"x\",\"bodyCode\":\"VM-" + village + "\"}", status().isBadRequest());
		String elsewhere = directory.divisions()
			.stream()
			.filter(x -> x.level().equals("TOWNSHIP") && !village.startsWith(x.code()))
			.findFirst()
			.orElseThrow()
			.code();
		call("POST", "/api/v1/mediation/rooms", "ningtiaoliang",
				"{\"code\":\"R-X2\",\"name\":\"x\",\"bodyCode\":\"TC-" + elsewhere + "\"}", status().isForbidden());
		call("POST", "/api/v1/mediation/rooms", "mediator1",
				"{\"code\":\"R-X3\",\"name\":\"x\",\"bodyCode\":\"VM-" + village + "\"}", status().isForbidden());
	}

	// --- data scope
	// ---------------------------------------------------------------------------------------------

	@Test
	void aVillageMediatorCannotReadAnotherVillagesCases() throws Exception {
		String village = mediatorVillage();
		String other = otherVillage(village.substring(0, 9), village);
		JsonNode elsewhere = call("POST", "/api/v1/disputes", "command",
				screening(other, "邻村的宅基地纠纷甲乙丙", other, other, ""), status().isCreated());
		String id = elsewhere.get("id").asString();
		String code = elsewhere.get("trackingCode").asString();
		call("GET", "/api/v1/disputes/" + id, "mediator1", null, status().isNotFound());
		call("POST", "/api/v1/disputes/" + id + "/mediators", "mediator1", null, status().isNotFound());
		call("GET", "/api/v1/disputes/" + id + "/archive.pdf", "mediator1", null, status().isNotFound());
		assertThat(call("GET", "/api/v1/disputes?q=" + code, "mediator1", null, status().isOk())).isEmpty();
		assertThat(call("GET", "/api/v1/disputes?q=邻村的宅基地纠纷甲乙丙", "mediator1", null, status().isOk())).isEmpty();
		String csv = mvc
			.perform(
					get("/api/v1/disputes/export.csv").param("q", "邻村的宅基地纠纷甲乙丙").with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).doesNotContain(code);
		// A page answers with the error page, not with the API's problem document.
		mvc.perform(get("/disputes/" + id).with(httpBasic("mediator1", PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect((result) -> assertThat(String.valueOf(result.getResponse().getContentType()))
				.doesNotContain("problem+json"));
		// The command centre sees it everywhere.
		assertThat(call("GET", "/api/v1/disputes?q=" + code, "command", null, status().isOk())).hasSize(1);
		String all = mvc
			.perform(get("/api/v1/disputes/export.csv").param("q", "邻村的宅基地纠纷甲乙丙").with(httpBasic("command", PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(all).contains(code);
		// Nor may the mediator register a dispute in the other village.
		call("POST", "/api/v1/disputes", "mediator1", screening(other, "越界登记", other, other, ""),
				status().isForbidden());
		// The figures are cut to the caller's area.
		call("GET", "/api/v1/disputes/figures?area=" + other, "mediator1", null, status().isForbidden());
	}

}
