package org.fengqiao.organisation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.fengqiao.platform.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The people API's reveal on its own (a web slice, collaborators mocked): what it checks
 * before it shows a protected field, and that every refusal is audited. The URL rules of
 * the security configuration are the integration tests' business ({@code AccessTests});
 * here any signed-in user reaches the controller.
 */
@WebMvcTest(useDefaultFilters = false, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = { "org\\.fengqiao\\.organisation\\.OrganisationApi", "org\\.fengqiao\\.platform\\.DomainProblems" }))
@ActiveProfiles("test")
class OrganisationApiWebTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	People people;

	@MockitoBean
	Assignments assignments;

	@MockitoBean
	DataScopes scopes;

	@MockitoBean
	Staffing staffing;

	@MockitoBean
	ComplianceReport compliance;

	@MockitoBean
	AuditLog audit;

	@MockitoBean
	RosterWorkbook workbook;

	@MockitoBean
	Placement placement;

	final DataScope township = new DataScope(List.of("610824001"), Set.of(), false);

	final Person person = new Person(7, "张三", "M", null, "610824********1234", "138****5678", Set.of(), Set.of(), null);

	@BeforeEach
	void scope() {
		given(scopes.current()).willReturn(township);
	}

	@Test
	void aRevealWithoutAReasonIsRefusedAndAudited() throws Exception {
		mvc.perform(reveal(7, "{\"field\":\"idNumber\",\"reason\":\"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/reason-required"));
		verify(audit).independently(isNull(), eq("REVEAL"), eq("person"), eq("7"), eq("DENIED"), anyString());
		verify(people, never()).reveal(anyLong(), anyString());
	}

	@Test
	void onlyTheIdNumberOrThePhoneMayBeRevealed() throws Exception {
		mvc.perform(reveal(7, "{\"field\":\"address\",\"reason\":\"核实网格员身份\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://fengqiao.org/problems/bad-field"));
		verify(people, never()).reveal(anyLong(), anyString());
	}

	@Test
	void aPersonOutsideTheCallersAreaIsNotFoundAndTheAttemptAudited() throws Exception {
		given(people.find(eq(8L), any())).willReturn(Optional.empty());
		mvc.perform(reveal(8, "{\"field\":\"phone\",\"reason\":\"越权尝试\"}")).andExpect(status().isNotFound());
		verify(people).find(8L, township);
		verify(audit).independently(isNull(), eq("REVEAL"), eq("person"), eq("8"), eq("DENIED"),
				eq("outside data scope"));
		verify(people, never()).reveal(anyLong(), anyString());
	}

	@Test
	void aPersonInTheAreaIsRevealedWithTheReasonOnRecord() throws Exception {
		given(people.find(eq(7L), any())).willReturn(Optional.of(person));
		given(people.reveal(7L, "phone")).willReturn(Optional.of("13800005678"));
		mvc.perform(reveal(7, "{\"field\":\"phone\",\"reason\":\"核实网格员身份\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.field").value("phone"))
			.andExpect(jsonPath("$.value").value("13800005678"));
		verify(audit).independently(isNull(), eq("REVEAL"), eq("person"), eq("7"), eq("OK"), eq("phone: 核实网格员身份"));
	}

	@Test
	void anonymousCallersNeverReachTheController() throws Exception {
		mvc.perform(post("/api/v1/people/7/reveal").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"field\":\"phone\",\"reason\":\"核实网格员身份\"}")).andExpect(status().isUnauthorized());
		verify(people, never()).find(anyLong(), any());
	}

	private MockHttpServletRequestBuilder reveal(long id, String body) {
		return post("/api/v1/people/" + id + "/reveal").with(user("command").roles("COMMAND"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

}
