package org.fengqiao.platform;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoIntegration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@FengqiaoIntegration
class OpenApiTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theOpenApiDocumentDescribesTheApi() throws Exception {
		mvc.perform(get("/v3/api-docs").with(httpBasic("command", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openapi").exists())
			.andExpect(jsonPath("$.paths['/api/v1/whistles']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/locate']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/whistles/track/{code}']").exists());
	}

}
