package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.fengqiao.FengqiaoTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@FengqiaoTest
class AuditLogTests {

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	@Test
	void theChainVerifiesAndTheDatabaseRefusesEdits() {
		audit.independently("tester", "TEST_EVENT", "test", "1", "OK", "first");
		audit.independently("tester", "TEST_EVENT", "test", "2", "DENIED", "second");
		AuditLog.Verification verification = audit.verify();
		assertThat(verification.valid()).isTrue();
		assertThat(verification.entries()).isGreaterThanOrEqualTo(2);
		assertThat(audit.search("tester", "TEST_EVENT", null, null, null, null, 10)).hasSizeGreaterThanOrEqualTo(2);
		assertThatThrownBy(() -> jdbc.sql("update audit_entry set details = 'x'").update()).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_entry").update()).hasMessageContaining("append-only");
	}

	@Test
	void theAuditorsPageSearchesAndVerifies() throws Exception {
		audit.independently("pagetester", "TEST_EVENT", "test", "9", "OK", "for the page");
		mvc.perform(get("/audit").param("actor", "pagetester").with(httpBasic("auditor", "fengqiao-demo")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("for the page")));
		mvc.perform(post("/audit/verify").with(httpBasic("auditor", "fengqiao-demo")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("哈希链完整")));
		mvc.perform(get("/audit").with(httpBasic("admin", "fengqiao-demo"))).andExpect(status().isForbidden());
		mvc.perform(get("/audit").with(httpBasic("security", "fengqiao-demo"))).andExpect(status().isForbidden());
	}

	@Test
	void tamperingWithARowIsDetected() {
		audit.independently("tester", "TEST_EVENT", "test", "3", "OK", "original");
		long seq = jdbc.sql("select max(seq) from audit_entry where details = 'original'").query(Long.class).single();
		// Someone with the database owner's rights bypasses the trigger; everything is rolled back afterwards.
		transactions.executeWithoutResult(status -> {
			jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			jdbc.sql("update audit_entry set details = 'forged' where seq = ?").param(seq).update();
			AuditLog.Verification edited = audit.verify();
			assertThat(edited.valid()).isFalse();
			assertThat(edited.firstBadSeq()).isEqualTo(seq);
			assertThat(edited.problem()).contains("altered");
			status.setRollbackOnly();
		});
		transactions.executeWithoutResult(status -> {
			jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			jdbc.sql("delete from audit_entry where seq = ?").param(seq).update();
			AuditLog.Verification deleted = audit.verify();
			assertThat(deleted.valid()).isFalse();
			status.setRollbackOnly();
		});
		transactions.executeWithoutResult(status -> {
			jdbc.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
			long last = jdbc.sql("select max(seq) from audit_entry").query(Long.class).single();
			jdbc.sql("delete from audit_entry where seq = ?").param(last).update();
			AuditLog.Verification truncated = audit.verify();
			assertThat(truncated.valid()).isFalse();
			assertThat(truncated.problem()).contains("removed from the end");
			status.setRollbackOnly();
		});
		assertThat(audit.verify().valid()).isTrue();
	}
}
