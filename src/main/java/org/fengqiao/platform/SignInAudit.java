package org.fengqiao.platform;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Every sign-in, successful or not, goes into the audit log. */
@Component
class SignInAudit {

	private final AuditLog audit;

	SignInAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		audit.independently(event.getAuthentication().getName(), "SIGN_IN", "account",
				event.getAuthentication().getName(), "OK", null);
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent event) {
		audit.independently(String.valueOf(event.getAuthentication().getName()), "SIGN_IN", "account",
				String.valueOf(event.getAuthentication().getName()), "DENIED", event.getException().getClass().getSimpleName());
	}
}
