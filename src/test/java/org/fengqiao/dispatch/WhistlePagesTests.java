package org.fengqiao.dispatch;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who may open the whistle pages: residents the report and tracking pages, staff the work
 * list.
 */
@FengqiaoIntegration
class WhistlePagesTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theReportPageIsPublicChineseByDefaultAndEnglishOnRequest() throws Exception {
		mvc.perform(get("/report"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("我要吹哨")))
			.andExpect(content().string(containsString("value=\"UM-0102\"")))
			.andExpect(content().string(containsString("暴露垃圾")));
		mvc.perform(get("/report").param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Report a problem")))
			.andExpect(content().string(containsString("Exposed rubbish")));
	}

	@Test
	void theCountyOutlineIsPublicButTheOtherLayersAreNot() throws Exception {
		mvc.perform(get("/api/v1/public/county-outline"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", containsString("application/geo+json")))
			.andExpect(jsonPath("$.features.length()").value(1))
			.andExpect(jsonPath("$.features[0].properties.code").value("610824"));
		mvc.perform(get("/api/v1/geo/layers/county")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/geo/layers/grids")).andExpect(status().isUnauthorized());
	}

	@Test
	void theTrackingPageIsPublicAndAnUnknownCodeIs404WithAFriendlyMessage() throws Exception {
		mvc.perform(get("/track")).andExpect(status().isOk()).andExpect(content().string(containsString("查询码")));
		mvc.perform(get("/track").param("code", " abcd-1234-efgh "))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/track/ABCD1234EFGH"));
		mvc.perform(get("/track/ZZZZZZZZZZZZ"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("没有查询码为 ZZZZZZZZZZZZ 的反映")));
		mvc.perform(get("/track/not-a-code").param("lang", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("No report has the code")));
	}

	@Test
	void theWorkListIsForStaffOnly() throws Exception {
		mvc.perform(get("/work").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
		mvc.perform(get("/work/items")).andExpect(status().is4xxClientError());
		mvc.perform(get("/work").with(user("someone").roles("MEDIATOR"))).andExpect(status().isForbidden());
		mvc.perform(get("/work").with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
		mvc.perform(get("/work").with(user("worker1").roles("GRID_WORKER")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("我的工作")));
		mvc.perform(get("/work").with(user("command").roles("COMMAND")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("辖区")));
	}

	@Test
	void theLoginPageLeadsResidentsToTheReportPage() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("href=\"/report\"")));
		mvc.perform(get("/report")).andExpect(content().string(not(containsString("href=\"/work\""))));
	}

}
