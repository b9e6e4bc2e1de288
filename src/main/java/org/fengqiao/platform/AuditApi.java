package org.fengqiao.platform;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit administrator's view of the audit log: search it, verify its chain. Nothing
 * here changes it.
 */
@RestController
class AuditApi {

	private final AuditLog audit;

	AuditApi(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit")
	List<AuditLog.Entry> search(@RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String recordType,
			@RequestParam(required = false) String recordId, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(defaultValue = "100") int limit) {
		return audit.search(actor, action, recordType, recordId, from, to, limit);
	}

	@GetMapping("/api/v1/audit/verify")
	AuditLog.Verification verify() {
		return audit.verify();
	}

}
