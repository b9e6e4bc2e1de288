package org.fengqiao.platform;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit administrator's page: search the log, verify the chain. */
@Controller
class AuditPage {

	private final AuditLog audit;

	AuditPage(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String search(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			Model model) {
		String who = actor == null || actor.isBlank() ? null : actor.strip();
		String what = action == null || action.isBlank() ? null : action.strip();
		model.addAttribute("entries", audit.search(who, what, null, null, null, null, 200));
		model.addAttribute("actor", who);
		model.addAttribute("action", what);
		return "platform/audit";
	}

	@PostMapping("/audit/verify")
	String verify(Model model) {
		model.addAttribute("verification", audit.verify());
		return "platform/audit :: verification";
	}

}
